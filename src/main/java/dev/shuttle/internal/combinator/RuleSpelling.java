package dev.shuttle.internal.combinator;

import dev.shuttle.internal.uri.HostCharacters;
import java.util.Locale;

/**
 * What a selective rule may not be spelled with, checked before the rule's host is normalised:
 * a rule names destinations, so it must not hold anything that normalising would silently drop
 * or turn into something else.
 *
 * <ul>
 *   <li>Invisible characters: controls, format characters ({@code U+200B} zero-width space,
 *       {@code U+00AD} soft hyphen, {@code U+FEFF}), and spaces and separators of every kind.
 *       IDN mapping deletes some of them, so {@code local\u200Bhost} would become
 *       {@code localhost}: a rule a reader sees as one name and the parser as another.
 *   <li>Digits and dots that are not ASCII (full-width {@code １２７}, Arabic-Indic digits,
 *       {@code 。} and {@code ．}): IDN mapping turns them into ASCII, making a hostname of what
 *       reads as an address.
 *   <li>Numeric spellings of IPv4 addresses other than the dotted quad ({@code 127.1},
 *       {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}): resolvers and
 *       {@code inet_aton} read them as addresses, and a rule must name an address the one way
 *       Shuttle writes it. The host parser refuses them in hosts without wildcards; this class
 *       in wildcard hosts ({@code 0x7f.*}), which the parser cannot read.
 * </ul>
 *
 * <p>Every method throws {@link IllegalArgumentException} saying what is wrong, without naming the
 * rule: the caller adds that.
 */
final class RuleSpelling {
    private RuleSpelling() {}

    /**
     * Refuses a rule holding an invisible character or a non-ASCII digit or dot.
     *
     * @param rule the whole rule as written
     * @throws IllegalArgumentException naming the character by its code point
     */
    static void checkCharacters(String rule) {
        for (int i = 0; i < rule.length(); ) {
            int c = rule.codePointAt(i);
            if (invisible(c)) {
                throw new IllegalArgumentException("it holds the invisible character " + codePoint(c)
                        + " at index " + i + "; a rule must show every character it matches");
            }
            if (c >= 0x80 && Character.isDigit(c)) {
                throw new IllegalArgumentException("it holds the non-ASCII digit " + codePoint(c)
                        + " at index " + i + "; write digits as 0-9");
            }
            if (c == '\u3002' || c == '\uFF0E' || c == '\uFF61') {
                throw new IllegalArgumentException("it holds the dot " + codePoint(c) + " at index " + i
                        + "; write dots as '.'");
            }
            i += Character.charCount(c);
        }
    }

    /** What the host parser refuses in any host, and any whitespace or ignorable character too. */
    private static boolean invisible(int c) {
        return HostCharacters.forbiddenKind(c) != null || Character.isWhitespace(c) || Character.isIdentifierIgnorable(c);
    }

    /**
     * Refuses a wildcard host whose labels without {@code *} spell an IPv4 address in another
     * form than the dotted quad of decimal numbers 0-255 without leading zeros ({@code 0x7f.*},
     * {@code 0177.*}). A host without wildcards is {@link dev.shuttle.internal.uri.HostNames}'s to
     * judge, as a target's is.
     *
     * @param host the host, lower case ASCII, without brackets
     * @throws IllegalArgumentException saying it is a numeric spelling and how to write it
     */
    static void checkNotNumericIpv4(String host) {
        String name = MatchedHost.withoutTrailingDot(host);
        String[] labels = name.split("\\.", -1);
        boolean numeric = true;
        // A wildcard stands for any number of labels: 127.* and 1.2.3.4.* (for 1.2.3.4.nip.io) are fine.
        boolean canonical = labels.length == 4 || name.indexOf('*') >= 0;
        for (String label : labels) {
            if (label.equals("*")) {
                continue;
            }
            if (label.indexOf('*') >= 0 || !number(label)) {
                numeric = false;
                break;
            }
            canonical &= decimalOctet(label);
        }
        if (numeric && !(canonical && !host.endsWith("."))) {
            throw new IllegalArgumentException("'" + host + "' is a numeric spelling of an IPv4 address, which"
                    + " resolvers read as an address; write the address as a dotted quad such as 127.0.0.1"
                    + " (four numbers 0-255, no leading zeros, no hex)");
        }
    }

    /** A label that {@code inet_aton} reads as a number: decimal, octal ({@code 0177}) or hex ({@code 0x7f}). */
    private static boolean number(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            return lower.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80);
        }
        return !lower.isEmpty() && lower.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean decimalOctet(String label) {
        if (label.isEmpty() || label.length() > 3 || (label.length() > 1 && label.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) < '0' || label.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(label) <= 255;
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
