package dev.shuttle.internal.combinator;

import java.util.List;

/**
 * A host pattern with {@code *} wildcards, each standing for any run of characters (dots too), as
 * selective rules write them: {@code *.example.com}, {@code db-*.internal}, {@code 10.*}.
 *
 * <p>Matching takes time linear in the pattern and the host combined: the pieces between
 * wildcards are found left to right, each at its first place after the one before, which is
 * enough for {@code *} alone. A regular expression built from the pattern backtracked
 * exponentially: {@code *.*.*.*.*.*.internal} against a long host ran for tens of seconds on
 * every connect, uninterruptibly.
 */
final class HostGlob {
    private final List<String> pieces;

    /**
     * Compiles a pattern.
     *
     * @param pattern the host with {@code *} wildcards, in canonical form
     */
    HostGlob(String pattern) {
        this.pieces = List.of(pattern.split("\\*", -1));
    }

    /** {@return whether {@code host} matches the whole pattern} */
    boolean matches(String host) {
        String first = pieces.getFirst();
        if (pieces.size() == 1) {
            return host.equals(first);
        }
        String last = pieces.getLast();
        if (host.length() < first.length() + last.length() || !host.startsWith(first) || !host.endsWith(last)) {
            return false;
        }
        int from = first.length();
        int end = host.length() - last.length();
        for (int i = 1; i < pieces.size() - 1; i++) {
            String piece = pieces.get(i);
            int at = host.indexOf(piece, from);
            if (at < 0 || at + piece.length() > end) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join("*", pieces);
    }
}
