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
    private final List<String> positional;

    private CommandLine(Set<String> flags, List<String> positional) {
        this.flags = flags;
        this.positional = positional;
    }

    static CommandLine parse(List<String> args, Set<String> known) {
        Set<String> flags = new java.util.HashSet<>();
        List<String> positional = new ArrayList<>();
        boolean onlyPositional = false;
        for (String arg : args) {
            if (!onlyPositional && arg.equals("--")) {
                onlyPositional = true;
            } else if (!onlyPositional && arg.startsWith("-") && arg.length() > 1) {
                if (!known.contains(arg)) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
                flags.add(arg);
            } else {
                positional.add(arg);
            }
        }
        return new CommandLine(flags, positional);
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
