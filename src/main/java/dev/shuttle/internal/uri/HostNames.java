package dev.shuttle.internal.uri;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one normalisation of hosts: every host Shuttle reads (in a URI, a selective rule, a
 * nameserver, a certificate name) goes through {@link #normalise(String)} before anything looks
 * at it, so two spellings of one host always give one text, and a rule written for that text
 * sees every spelling.
 *
 * <p>The rule, in order:
 * <ol>
 * <li>A host with a {@code ':'} is an IPv6 literal (without brackets; a scope after {@code '%'}
 *     is an interface name of ASCII letters, digits, {@code '.'}, {@code '_'}, {@code '-'}, or a
 *     number). Its canonical text is RFC 5952's: compressed, lower case, the scope kept only on
 *     link-local and site-local addresses. An IPv4-mapped address stays IPv6 and is written in
 *     hexadecimal ({@code ::ffff:127.0.0.1} is {@code ::ffff:7f00:1}); an IPv4 part inside IPv6
 *     text must be a dotted quad without leading zeros.</li>
 * <li>A host holding a character of Unicode category Cf (format: soft hyphen, zero-width space,
 *     byte order mark, bidi controls), Cc, Zs, Zl, Zp, Co (private use), Cs (an unpaired
 *     surrogate) or Cn (unassigned), or a character IDN mapping deletes (combining grapheme
 *     joiner, variation selectors), or one of the deviation characters {@code ß} and {@code ς}
 *     (which {@link IDN}, IDNA 2003, maps to {@code ss} and {@code σ}, while IDNA 2008 and
 *     browsers keep them: two readings, two hosts), is refused, naming the character as
 *     {@code U+XXXX} and its index. A name already in its {@code xn--} form is taken as
 *     written.</li>
 * <li>Lengths are checked on the text as written: a label over 63 or a name over 253 characters
 *     (code points) is refused before IDN conversion.</li>
 * <li>The labels are separated by {@code '.'} and by the dots IDNA reads as {@code '.'}
 *     (U+3002, U+FF0E, U+FF61); one trailing dot is kept. Each label is mapped to lower-case
 *     ASCII: international labels by {@link IDN#toASCII} (IDNA 2003 nameprep, which maps
 *     full-width forms to ASCII), and must then hold only letters, digits, {@code '-'} (not first
 *     or last) and {@code '_'}.</li>
 * <li>A host whose mapped last label is a number (decimal digits, or {@code 0x} and hexadecimal
 *     digits), as the WHATWG URL standard reads hosts, is not a hostname: it is a dotted-quad
 *     IPv4 literal written in ASCII ({@code 127.0.0.1}), or refused, naming the address other
 *     readers would take it for: {@code 2130706433}, {@code 127.1}, {@code 0x7f.1},
 *     {@code 0177.0.0.1}, {@code 127.0.0.1.}, {@code example.123}, and the full-width
 *     {@code １２７.０.０.１} are all refused.</li>
 * </ol>
 *
 * <p>Every method throws only {@link IllegalArgumentException}, whose message says what is wrong
 * with the host; callers add the text they were given (the whole URI, the rule).
 */
public final class HostNames {
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {}

    /**
     * Normalises a host written without brackets.
     *
     * @param host an IPv4 literal, an IPv6 literal or a hostname
     * @return the canonical form: IPv4 dotted quad, RFC 5952 IPv6 text, or the lower-case ASCII name
     * @throws IllegalArgumentException naming what is wrong; indexes in it count from the start of
     *     {@code host}
     */
    public static String normalise(String host) {
        return normalise(host, 0);
    }

    /**
     * Normalises a host that starts at {@code indexBase} in a longer text (a URI), so messages
     * give indexes into that text.
     *
     * @param host an IPv4 literal, an IPv6 literal or a hostname
     * @param indexBase the offset of {@code host} in the text the caller names in its message
     * @return the canonical form, as {@link #normalise(String)}
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String normalise(String host, int indexBase) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        HostCharacters.checkCategories(host, indexBase);
        if (host.indexOf(':') >= 0) {
            return Ipv6Text.canonical(host);
        }
        return name(host, indexBase);
    }

    /**
     * Returns the IP address a canonical host denotes, or {@code null} for a hostname. Never does
     * a DNS lookup.
     *
     * @param canonicalHost a host returned by {@link #normalise(String)}
     * @return the address, or {@code null}
     * @throws IllegalArgumentException if {@code canonicalHost} is not canonical and would be read
     *     as an address ({@code 127.1}, {@code 0x7f.1}): it is never taken for a hostname
     */
    public static InetAddress literal(String canonicalHost) {
        if (canonicalHost.indexOf(':') >= 0) {
            return Ipv6Text.parse(canonicalHost);
        }
        if (Ipv4Text.isDottedQuad(canonicalHost)) {
            return InetAddress.ofLiteral(canonicalHost);
        }
        List<String> labels = labels(canonicalHost.toLowerCase(Locale.ROOT));
        if (labels.size() > 1 && labels.getLast().isEmpty()) {
            labels = labels.subList(0, labels.size() - 1);
        }
        if (!Ipv4Text.endsInNumber(labels)) {
            return null;
        }
        throw new IllegalArgumentException("'" + canonicalHost + "' is not a canonical host (normalise it first)");
    }

    /**
     * Formats an address the way Shuttle writes hosts: dotted quad, or compressed lower-case IPv6
     * text with the scope kept only where it matters (link-local and site-local addresses).
     *
     * @param address the address
     * @return the text, without brackets
     */
    public static String format(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return Ipv6Text.format(v6);
        }
        return address.getHostAddress();
    }

    private static String name(String host, int indexBase) {
        int hostLength = host.codePointCount(0, host.length()) - (isDot(host.charAt(host.length() - 1)) ? 1 : 0);
        if (hostLength > MAX_NAME_LENGTH) {
            // Before splitting or mapping anything, so a huge host costs no more than reading it.
            throw new IllegalArgumentException("hostname is " + hostLength
                    + " characters long, more than the " + MAX_NAME_LENGTH + " allowed");
        }
        List<String> written = labels(host);
        boolean absolute = written.size() > 1 && written.getLast().isEmpty();
        if (absolute) {
            written = written.subList(0, written.size() - 1);
        }
        if (written.size() == 1 && written.getFirst().isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        for (String label : written) {
            int length = label.codePointCount(0, label.length());
            if (length > MAX_LABEL_LENGTH) {
                throw new IllegalArgumentException("hostname label '" + label + "' is " + length
                        + " characters long, more than the " + MAX_LABEL_LENGTH + " allowed");
            }
        }
        HostCharacters.checkNoneRemoved(host, indexBase);
        List<String> ascii = new ArrayList<>(written.size());
        for (String label : written) {
            String mapped = asciiLabel(host, label);
            checkLabel(host, mapped);
            ascii.add(mapped);
        }
        if (Ipv4Text.endsInNumber(ascii)) {
            return Ipv4Text.literal(host, ascii, absolute);
        }
        String name = String.join(".", ascii);
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("hostname is " + name.length()
                    + " characters long, more than the " + MAX_NAME_LENGTH + " allowed");
        }
        return absolute ? name + "." : name;
    }

    /** The labels as written, split at {@code '.'} and the three dots IDNA reads as {@code '.'}. */
    private static List<String> labels(String host) {
        List<String> labels = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < host.length(); i++) {
            if (isDot(host.charAt(i))) {
                labels.add(host.substring(start, i));
                start = i + 1;
            }
        }
        labels.add(host.substring(start));
        return labels;
    }

    private static boolean isDot(char c) {
        return c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';
    }

    /** The label in lower-case ASCII: international labels converted to their {@code xn--} form. */
    private static String asciiLabel(String host, String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("hostname '" + host + "' has an empty label");
        }
        boolean plain = label.chars().allMatch(c -> c < 0x80);
        if (plain) {
            return label.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            // IDN throws IllegalArgumentException, and a bare RuntimeException for some inputs
            // ("input too long"); the length checks above should keep the latter away.
            throw new IllegalArgumentException("'" + host + "' is not a valid international hostname: " + e.getMessage(), e);
        }
    }

    private static void checkLabel(String host, String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("hostname '" + host + "' has an empty label");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("hostname label '" + label + "' is " + label.length()
                    + " characters long, more than the " + MAX_LABEL_LENGTH + " allowed");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                throw new IllegalArgumentException("hostname '" + host + "' contains '" + printable(c)
                        + "', which is not allowed in a hostname");
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new IllegalArgumentException("hostname label '" + label + "' starts or ends with '-'");
        }
    }

    static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
