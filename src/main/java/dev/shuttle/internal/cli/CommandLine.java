package dev.shuttle.internal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parsed arguments of one command: flags it knows and positional arguments. An unknown flag
 * is an {@link IllegalArgumentException} naming it.
 */
final class CommandLine {
    private final Set<String> flags;
    private final java.util.Map<String, String> values;
    private final List<String> positional;

    private CommandLine(Set<String> flags, java.util.Map<String, String> values, List<String> positional) {
        this.flags = flags;
        this.values = values;
        this.positional = positional;
    }

    static CommandLine parse(List<String> args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    /** Parses flags, options taking a value ({@code --cafile FILE}) and positional arguments. */
    static CommandLine parse(List<String> args, Set<String> known, Set<String> valued) {
        Set<String> flags = new java.util.HashSet<>();
        java.util.Map<String, String> values = new java.util.HashMap<>();
        List<String> positional = new ArrayList<>();
        boolean onlyPositional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!onlyPositional && arg.equals("--")) {
                onlyPositional = true;
            } else if (!onlyPositional && valued.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option '" + arg + "' needs a value");
                }
                values.put(arg, args.get(++i));
            } else if (!onlyPositional && arg.startsWith("-") && arg.length() > 1) {
                if (!known.contains(arg)) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
                flags.add(arg);
            } else {
                positional.add(arg);
            }
        }
        return new CommandLine(flags, values, positional);
    }

    /** {@return the value of an option, or {@code null} when not given} */
    String value(String name) {
        return values.get(name);
    }

    boolean has(String... names) {
        for (String name : names) {
            if (flags.contains(name)) {
                return true;
            }
        }
        return false;
    }

    List<String> positional() {
        return positional;
    }

    String single(String what) {
        if (positional.size() != 1) {
            throw new IllegalArgumentException(positional.isEmpty()
                    ? "missing " + what
                    : "expected one " + what + ", got " + positional.size() + ": " + positional);
        }
        return positional.getFirst();
    }
}
