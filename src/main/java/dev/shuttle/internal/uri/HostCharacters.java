package dev.shuttle.internal.uri;

import java.net.IDN;

/**
 * The characters a host may not hold, whatever IDN mapping would make of them: invisible, control,
 * space, private-use, unassigned and unpaired-surrogate characters, and characters the mapping
 * deletes. Each would let two different strings denote the same host, so a rule written for one
 * would not see the other.
 */
public final class HostCharacters {
    private HostCharacters() {}

    /**
     * Refuses the first character of {@code host} of a category no host may hold. Cheap: run it
     * on any text.
     *
     * @param host the host as written
     * @param indexBase added to indexes in messages: the host's offset in the text the caller names
     * @throws IllegalArgumentException naming the character as {@code U+XXXX}, what it is, and its index
     */
    static void checkCategories(String host, int indexBase) {
        for (int i = 0; i < host.length(); ) {
            int c = host.codePointAt(i);
            String kind = forbiddenKind(c);
            if (kind != null) {
                throw refused(c, kind, indexBase + i);
            }
            i += Character.charCount(c);
        }
    }

    /**
     * Refuses the first character of {@code host} that IDN mapping would delete, or that IDNA
     * 2003 and 2008 read differently (the deviation characters {@code ß} and {@code ς}; the other
     * two, ZWJ and ZWNJ, are format characters and refused already). Costs an IDN
     * conversion per non-ASCII character: run it once the length of {@code host} is checked.
     *
     * @param host the host as written
     * @param indexBase added to indexes in messages
     * @throws IllegalArgumentException naming the character as {@code U+XXXX} and its index
     */
    static void checkNoneRemoved(String host, int indexBase) {
        for (int i = 0; i < host.length(); ) {
            int c = host.codePointAt(i);
            if (c == 0xDF || c == 0x3C2) {
                throw refused(c, "which IDNA 2003 maps to another letter and IDNA 2008 keeps, so the"
                        + " name has two readings (write its xn-- form to mean the one you want)", indexBase + i);
            }
            if (c >= 0x80 && removedByMapping(c)) {
                throw refused(c, "a character that IDN mapping deletes", indexBase + i);
            }
            i += Character.charCount(c);
        }
    }

    private static IllegalArgumentException refused(int c, String kind, int index) {
        return new IllegalArgumentException("the host contains " + describe(c) + ", " + kind + ", at index " + index);
    }

    /** {@return {@code U+00AD SOFT HYPHEN}: the code point and, when it has one of its own, its name} */
    static String describe(int c) {
        int type = Character.getType(c);
        String name = type == Character.PRIVATE_USE || type == Character.SURROGATE ? null : Character.getName(c);
        return String.format("U+%04X", c) + (name == null ? "" : " " + name);
    }

    /**
     * {@return what kind of character {@code c} is when no host may hold it (an invisible format
     * character, a control, a space, a private-use, unassigned or unpaired-surrogate code point),
     * or {@code null} when a host may}
     *
     * @param c a code point
     */
    public static String forbiddenKind(int c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT -> "an invisible format character";
            case Character.CONTROL -> "a control character";
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a space";
            case Character.PRIVATE_USE -> "a private-use character";
            case Character.SURROGATE -> "half of a surrogate pair without its other half";
            case Character.UNASSIGNED -> "an unassigned code point";
            default -> null;
        };
    }

    /**
     * Whether nameprep maps {@code c} to nothing (combining grapheme joiner, variation selectors,
     * Mongolian free variation selectors and the like): {@code a}, {@code c}, {@code a} then
     * converts to {@code aa}.
     */
    private static boolean removedByMapping(int c) {
        String probe = new StringBuilder(4).append('a').appendCodePoint(c).append('a').toString();
        try {
            return IDN.toASCII(probe, IDN.ALLOW_UNASSIGNED).equals("aa");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
