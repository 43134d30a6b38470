package dev.shuttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.internal.uri.HostNames;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every URI that parses round-trips, and every URI that does not is an
 * {@link IllegalArgumentException} naming it: checked over a large, seeded (so repeatable) set of
 * hostile strings mixing digits, dots, hexadecimal, invisible characters, full-width forms,
 * surrogates, brackets, percent signs and long labels.
 */
class EndpointRoundTripTest {
    private static final int INPUTS = 30_000;

    private static final List<String> PREFIXES = List.of("", "", "tcp://", "tls://", "udp://", "TcP://", "unix://",
            "unix:///tmp/", "UNIX://", "://", "tcp:/", "tcp://tcp://");

    private static final List<String> FRAGMENTS = List.of(
            "0", "1", "7", "9", "127", "255", "256", "2130706433", "4294967296", "0177", "08", "00",
            "0x", "0X", "0x7f", "0x7f000001", "ff", "ffff", "e", "g", "x",
            ".", ".", ".", "..", "\u3002", "\uFF0E", "\uFF61", "\u2024", "\uFE52",
            "\uFF11", "\uFF12", "\uFF17", "\uFF10", "\uD835\uDFCF", "\u2460", "\u2488", "\u00B9", "\u0663",
            "\u200B", "\u200C", "\u200D", "\u00AD", "\uFEFF", "\u2060", "\u202E", "\u034F", "\uFE0F", "\u180B", "\u1806",
            "\u00A0", "\u3000", "\u2028", " ", "\t", "\u0000", "\u007F", "\u0085",
            "\uD800", "\uDC00", "\uDBFF", "\uD83D\uDE00", "\uE000", "\u0378", "\uFFFF",
            "[", "]", "%", "%25", "%2", ":", "::", ":1", "ffff:", "fe80::1", "::ffff:", "eth0", "lo",
            "a", "A", "z", "-", "_", "localhost", "LOCALHOST", "\uFF4C\uFF4F", "\u043E", "example", "com",
            "\u00E9", "\u00DF", "\u0130", "\uFB01", "\u0301", "\u0627", "\u05D0", "xn--", "xn--bcher-kva",
            "/", "@", "?", "#", "\\", "a".repeat(63), "a".repeat(64), "\u00E9".repeat(31), "1".repeat(40), "9".repeat(300));

    private static final List<String> SUFFIXES = List.of(":80", ":80", ":80", ":0", ":1", ":65535", ":65536", "", ":",
            ":8\u200B0", ":\uFF18\uFF10", ":-1", ":80:80", "]:80", "%25eth0]:80");

    @Test
    void everyUriEitherRoundTripsOrIsAnIllegalArgumentExceptionNamingIt() {
        Random random = new Random(18);
        int parsed = 0;
        for (int i = 0; i < INPUTS; i++) {
            String uri = generate(random);
            if (check(uri, false)) {
                parsed++;
            }
            check(uri, true);
        }
        // The generator must reach both outcomes, or it tests nothing.
        assertTrue(parsed > INPUTS / 50, parsed + " of " + INPUTS + " parsed");
        assertTrue(parsed < INPUTS - INPUTS / 50, parsed + " of " + INPUTS + " parsed");
    }

    @Test
    void everyHostEitherNormalisesToAFixedPointOrIsAnIllegalArgumentException() {
        Random random = new Random(1818);
        for (int i = 0; i < INPUTS; i++) {
            String host = host(random);
            String canonical;
            try {
                canonical = HostNames.normalise(host);
            } catch (IllegalArgumentException e) {
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("HostNames.normalise(\"" + escape(host) + "\") threw " + e, e);
            }
            try {
                assertEquals(canonical, HostNames.normalise(canonical), () -> escape(host));
                HostNames.literal(canonical);
            } catch (RuntimeException e) {
                throw new AssertionError("canonical host \"" + escape(canonical) + "\" of \"" + escape(host)
                        + "\" failed: " + e, e);
            }
        }
    }

    @Test
    void everySocketAddressPrintsAsAUriThatParsesBackToIt() throws Exception {
        Random random = new Random(180);
        byte[][] templates = {
            new byte[16], {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {(byte) 0xfe, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}};
        for (int i = 0; i < INPUTS / 10; i++) {
            InetAddress address;
            if (random.nextBoolean()) {
                byte[] v4 = new byte[4];
                random.nextBytes(v4);
                address = InetAddress.getByAddress(v4);
            } else {
                byte[] v6 = templates[random.nextInt(templates.length)].clone();
                for (int b = 12 + random.nextInt(4) - (random.nextBoolean() ? 12 : 0); b < 16; b++) {
                    v6[b] = (byte) random.nextInt(256);
                }
                address = Inet6Address.getByAddress(null, v6, random.nextInt(4) == 0 ? -1 : random.nextInt(6));
            }
            Endpoint endpoint = Endpoint.of(random.nextBoolean() ? Scheme.TCP : Scheme.TLS,
                    new InetSocketAddress(address, random.nextInt(65536)));
            assertEquals(endpoint, Endpoint.parseListening(endpoint.toString()), address::toString);
        }
    }

    /** Parses {@code uri}, checking the invariant; {@return whether it parsed} */
    private static boolean check(String uri, boolean listening) {
        Endpoint endpoint;
        try {
            endpoint = listening ? Endpoint.parseListening(uri) : Endpoint.parse(uri);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains(uri)) {
                fail("the message for \"" + escape(uri) + "\" does not name it: " + escape(e.getMessage()));
            }
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError("\"" + escape(uri) + "\" threw " + e, e);
        }
        try {
            String text = endpoint.toString();
            Endpoint again = listening ? Endpoint.parseListening(text) : Endpoint.parse(text);
            assertEquals(endpoint, again, () -> escape(uri));
            assertEquals(text, again.toString(), () -> escape(uri));
            endpoint.toUri();
            endpoint.socketAddress();
            if (endpoint.scheme() == Scheme.UNIX) {
                endpoint.path();
            } else {
                assertEquals(endpoint.host(), HostNames.normalise(endpoint.host()), () -> escape(uri));
                assertEquals(endpoint.ipAddress().isPresent(),
                        !((InetSocketAddress) endpoint.socketAddress()).isUnresolved(), () -> escape(uri));
            }
        } catch (RuntimeException e) {
            throw new AssertionError("\"" + escape(uri) + "\" parsed to " + escape(endpoint.toString())
                    + " and then failed: " + e, e);
        }
        return true;
    }

    private static String generate(Random random) {
        String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
        String host = host(random);
        if (random.nextInt(4) == 0) {
            host = "[" + host + "]";
        }
        return prefix + host + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
    }

    private static String host(Random random) {
        StringBuilder host = new StringBuilder();
        int pieces = 1 + random.nextInt(random.nextBoolean() ? 4 : 12);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(3) == 0) {
                host.append((char) ('0' + random.nextInt(10)));
            } else {
                host.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
        }
        return host.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().limit(400).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04X", c));
            }
        });
        return text.length() > 400 ? out + "..." : out.toString();
    }
}
