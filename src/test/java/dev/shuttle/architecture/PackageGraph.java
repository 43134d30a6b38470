package dev.shuttle.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Shuttle package refers to which, read from the main sources: every {@code dev.shuttle...}
 * package a file names (an import, or a qualified name in code or Javadoc), other than its own.
 */
final class PackageGraph {
    /** A package name then a dot and a capitalised type name: {@code dev.shuttle.internal.io.Timeouts}. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.shuttle((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final Map<String, Set<String>> edges;

    PackageGraph(Map<String, Set<String>> edges) {
        Map<String, Set<String>> copy = new TreeMap<>();
        edges.forEach((from, to) -> copy.put(from, new TreeSet<>(to)));
        this.edges = copy;
    }

    /** Reads the graph of every {@code .java} file under a source root. */
    static PackageGraph read(Path sourceRoot) {
        Map<String, Set<String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue; // module-info
                }
                String from = declared.group(1);
                Set<String> to = edges.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(text);
                while (reference.find()) {
                    String target = "dev.shuttle" + reference.group(1);
                    if (!target.equals(from)) {
                        to.add(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageGraph(edges);
    }

    /** {@return the packages {@code from} refers to} */
    Set<String> dependenciesOf(String from) {
        return edges.getOrDefault(from, Set.of());
    }

    /** {@return every package with a source file} */
    Set<String> packages() {
        return edges.keySet();
    }

    /**
     * {@return the groups of packages, among those {@code within} keeps, that reach each other
     * (strongly connected components of more than one package), each sorted}
     */
    List<Set<String>> cycles(java.util.function.Predicate<String> within) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : edges.keySet()) {
            if (within.test(start) && !index.containsKey(start)) {
                connect(start, within, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    // Tarjan's algorithm; the graph has a few dozen packages, so recursion depth is no concern.
    private void connect(String node, java.util.function.Predicate<String> within, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : dependenciesOf(node)) {
            if (!within.test(next)) {
                continue;
            }
            if (!index.containsKey(next)) {
                connect(next, within, index, low, stack, onStack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
