package dev.shuttle.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The seed corpus of the URI and rule targets: spellings of hosts that issue 18 found slipping
 * past the parser or a rule (invisible characters inside IPv4 numbers, short and numeric IPv4
 * forms, full-width digits, a long label with one non-ASCII character, unpaired surrogates in Unix
 * paths), and generators that mix their pieces with random text.
 */
final class HostileSpellings {
    private HostileSpellings() {}

    /** Characters that are invisible, or that IDN mapping deletes or turns into ASCII. */
    static final List<String> INVISIBLE = List.of(
            "\u200B", // zero-width space
            "\u00AD", // soft hyphen
            "\uFEFF", // byte order mark, zero-width no-break space
            "\u200C", "\u200D", "\u2060", "\u180E", "\u034F", "\uFE0F",
            "\u3002", // ideographic full stop: a dot after IDN mapping
            "\uFF0E", // full-width full stop
            "\uFF61", // half-width ideographic full stop
            "\u0000", "\t", " ", "\u00A0", "\u2028", "\u202E");

    /** Hosts: IPv4 in every spelling inet_aton takes, IPv6 forms, names, and the issue's finds. */
    static final List<String> HOSTS = List.of(
            "127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.1", "0x7F.0.0.1", "0177.0.0.1",
            "017700000001", "127.000.000.001", "127.0.0.01", "0", "0.0.0.0", "255.255.255.255", "256.0.0.1",
            "4294967295", "4294967296", "0xffffffff", "1e1", "127.0.0.1.", "127.0.0.1..", ".127.0.0.1",
            "2130706433\u200B", "21307\u00AD06433", "127\u00AD.1", "12740.\uFEFF0.1", "127\u200B.0.0.1",
            "\uFF11\uFF12\uFF17.0.0.1", "\uFF11\uFF12\uFF17\uFF0E\uFF10\uFF0E\uFF10\uFF0E\uFF11", "127\u30020\u30020\u30021",
            "\u0661\u0662\u0667.0.0.1", // Arabic-Indic digits
            "localhost", "LOCALHOST", "localhost.", "loca\u200Blhost", "lo\u00ADcalhost", "l\u03BFcalhost",
            "\u217Cocalhost", // small roman numeral fifty, maps to 'l'
            "example.com", "EXAMPLE.com", "b\u00FCcher.example", "xn--bcher-kva.example", "xn--", "xn--a",
            "a".repeat(63), "a".repeat(64), "a".repeat(1000) + "\u00E9", "\u00E9" + "a".repeat(2000),
            ("a".repeat(63) + ".").repeat(4) + "com", "my_service.internal", "-a.com", "a-.com", "a..b", ".",
            "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::127.0.0.1", "64:ff9b::127.0.0.1",
            "fe80::1%1", "fe80::1%lo", "fe80::1%25lo", "fe80::1%", "fe80::1%\u0661", "fe80::1%99999999999",
            "::ffff:2130706433", "::1\u200B", "::\uFF11", "1::2::3", "[::1]", "::FFFF:127.0.0.1");

    /** Whole URIs, each with a scheme or without, including Unix paths with unpaired surrogates. */
    static final List<String> URIS = List.of(
            "tcp://2130706433\u200B:80", "tcp://21307\u00AD06433:80", "tcp://127\u00AD.1:80",
            "tcp://12740.\uFEFF0.1:80", "tcp://" + "a".repeat(1000) + "\u00E9.com:80", "127.1:80", "0x7f.1:80",
            "tcp://[::ffff:127.0.0.1]:80", "tcp://[fe80::1%25lo]:22", "tcp://[fe80::1%lo]:22", "tls://example.com:443",
            "unix:///tmp/a\uD800b.sock", "unix:///tmp/\uDC00", "unix:///tmp/\uD83D", "unix:///tmp/ok\uD83D\uDE00.sock",
            "unix:///tmp/\u0000x", "unix:///" + "a".repeat(200), "unix://relative", "unix://",
            "udp://127.0.0.1:53", "tcp://127.0.0.1:0", "tcp://127.0.0.1:65536", "tcp://127.0.0.1:\uFF18\uFF10",
            "tcp://127.0.0.1:8\u200B0", "TCP://LOCALHOST:1", "tcp://user@127.0.0.1:80", "tcp://127.0.0.1:80/path",
            "tcp://[::1]:80%", "tcp://[::1%25]:80", "tcp://[]:80", "[::1]:", "tcp://:80", "://x:1", "tcp://x:1:2");

    /** Characters the random parts are drawn from: URI syntax, digits, hex, and the hostile ones. */
    private static final Arbitrary<String> PIECE = Arbitraries.oneOf(
            Arbitraries.of(INVISIBLE),
            Arbitraries.of(".", ":", "[", "]", "%", "%25", "/", "-", "_", "@", "*", "0x", "0", "x", "X"),
            Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(10),
            Arbitraries.strings().withChars("abcdefABCDEF").ofMinLength(1).ofMaxLength(4),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            Arbitraries.strings().withCharRange('\uFF10', '\uFF19').ofMinLength(1).ofMaxLength(3),
            Arbitraries.strings().withCharRange('\u0080', '\u2FFF').ofMinLength(1).ofMaxLength(2),
            Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofLength(1),
            Arbitraries.of(HOSTS));

    /** {@return hosts: the corpus, the corpus with a hostile character inserted, and random pieces} */
    static Arbitrary<String> hosts() {
        Arbitrary<String> random = PIECE.list().ofMinSize(1).ofMaxSize(8).map(pieces -> String.join("", pieces));
        Arbitrary<String> inserted = Combinators.combine(Arbitraries.of(HOSTS), Arbitraries.of(INVISIBLE),
                Arbitraries.integers().between(0, 1 << 20)).as((host, c, at) -> {
                    int i = at % (host.length() + 1);
                    return host.substring(0, i) + c + host.substring(i);
                });
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(HOSTS)),
                Tuple.of(2, inserted),
                Tuple.of(4, random));
    }

    /** {@return ports: valid, out of range, and spelled oddly} */
    static Arbitrary<String> ports() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 70000).map(String::valueOf),
                Arbitraries.of("", "080", "+80", "-1", "0x50", "\uFF18\uFF10", "8\u200B0", "99999999999", "1-2"),
                PIECE);
    }

    /** {@return URIs: the corpus, and a scheme, host and port put together from the generators} */
    static Arbitrary<String> uris() {
        Arbitrary<String> scheme = Arbitraries.of("", "tcp://", "tls://", "udp://", "unix://", "TCP://", "http://", "://");
        Arbitrary<String> built = Combinators.combine(scheme, hosts(), Arbitraries.of(true, false), ports())
                .as((s, host, bracket, port) -> s + (bracket ? "[" + host + "]" : host) + ":" + port);
        Arbitrary<String> unix = PIECE.list().ofMaxSize(6).map(pieces -> "unix:///" + String.join("", pieces));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(URIS)),
                Tuple.of(6, built),
                Tuple.of(2, unix),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }
}
