package dev.shuttle.architecture;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages a package-info allows its package to refer to, read from its sentence
 * {@code May import: ...}: each {@code {@code dev.shuttle}} or {@code {@code internal.x}} it
 * names, or every internal package when it says {@code any internal package}.
 */
final class MayImport {
    private static final Pattern SENTENCE = Pattern.compile("May import:(.*?)(?:\\.\\s|\\.$|\\*/|$)", Pattern.DOTALL);
    private static final Pattern NAMED = Pattern.compile("\\{@code ((?:dev\\.shuttle(?:\\.[a-z][a-z0-9]*)*)|(?:internal(?:\\.[a-z][a-z0-9]*)+))}");

    private final Set<String> packages;
    private final boolean anyInternal;

    private MayImport(Set<String> packages, boolean anyInternal) {
        this.packages = packages;
        this.anyInternal = anyInternal;
    }

    /** {@return what the package-info's comment allows, or null if it has no such sentence} */
    static MayImport parse(String packageInfo) {
        String text = packageInfo.replaceAll("(?m)^\\s*\\*(?!/) ?", "").replaceAll("\\s+", " ");
        Matcher sentence = SENTENCE.matcher(text);
        if (!sentence.find()) {
            return null;
        }
        String allowed = sentence.group(1);
        Set<String> packages = new TreeSet<>();
        Matcher named = NAMED.matcher(allowed);
        while (named.find()) {
            String name = named.group(1);
            packages.add(name.startsWith("dev.shuttle") ? name : "dev.shuttle." + name);
        }
        return new MayImport(packages, allowed.contains("any internal package"));
    }

    /** {@return whether the package may refer to {@code pkg}} */
    boolean allows(String pkg) {
        return packages.contains(pkg) || (anyInternal && pkg.startsWith("dev.shuttle.internal."));
    }
}
