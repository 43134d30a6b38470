package dev.shuttle.internal.combinator;

/**
 * The host of a wildcard IPv6 rule: leading groups written in full, then {@code :*} for all the
 * rest, such as {@code 2001:db8:*} (every address whose first two groups are 2001 and db8).
 * Groups are compared as numbers, so {@code 2001:0DB8:*} is the same prefix.
 *
 * <p>{@code ::} is refused next to {@code *}: how many zero groups it stands for is what the
 * {@code *} leaves open ({@code 2001:db8::*} could mean {@code 2001:db8:*} or
 * {@code 2001:db8:0:0:*}), and matching the compressed text instead would miss addresses such as
 * {@code 2001:db8:1::5}.
 */
final class Ipv6Prefix {
    private final int[] groups;

    private Ipv6Prefix(int[] groups) {
        this.groups = groups;
    }

    /**
     * Parses the host of a rule, without its brackets.
     *
     * @param host such as {@code 2001:db8:*}
     * @return the prefix
     * @throws IllegalArgumentException saying what is wrong and how to write it, without naming
     *     the rule (the caller adds that)
     */
    static Ipv6Prefix parse(String host) {
        if (host.contains("::")) {
            String before = host.substring(0, host.indexOf("::"));
            String example = before.isEmpty() || before.contains("*") ? "2001:db8" : before;
            throw new IllegalArgumentException("'::' cannot be combined with '*' in an IPv6 rule (how many zero groups"
                    + " would it stand for?); write the leading groups in full and end with ':*', such as ["
                    + example + ":*], or [" + example + ":0:0:*] with the zero groups written out"
                    + (host.indexOf('.') >= 0 ? ", or write an IPv4 rule such as 10.0.0.*, which IPv4-mapped"
                            + " addresses match" : ""));
        }
        if (!host.endsWith(":*") || host.indexOf('*') != host.length() - 1) {
            throw new IllegalArgumentException("'*' in an IPv6 rule must stand alone for the last groups, as in"
                    + " [2001:db8:*]; '" + host + "' has it elsewhere");
        }
        String[] texts = host.substring(0, host.length() - 2).split(":", -1);
        if (texts.length > 7) {
            throw new IllegalArgumentException("'" + host + "' has " + texts.length
                    + " groups before '*'; an IPv6 address has 8, so write at most 7");
        }
        int[] groups = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            groups[i] = group(host, texts[i]);
        }
        return new Ipv6Prefix(groups);
    }

    private static int group(String host, String text) {
        if (text.isEmpty() || text.length() > 4) {
            throw new IllegalArgumentException("'" + host + "' has a group '" + text
                    + "'; each group before '*' is 1 to 4 hex digits");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("'" + host + "' has a group '" + text
                        + "', which is not hex; write an IPv4 rule such as 10.0.0.* for IPv4-mapped addresses");
            }
        }
        return Integer.parseInt(text, 16);
    }

    /**
     * {@return whether the 16 bytes of an address begin with this prefix's groups}
     *
     * @param address an IPv6 address, or an IPv4 address in its IPv4-mapped form
     */
    boolean matches(byte[] address) {
        for (int i = 0; i < groups.length; i++) {
            int group = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
            if (group != groups[i]) {
                return false;
            }
        }
        return true;
    }
}
