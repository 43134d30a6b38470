package dev.shuttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one URI parser: a table of good inputs with their canonical form, and bad ones with their message. */
class EndpointTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:80                     | tcp://127.0.0.1:80",
        "tcp://127.0.0.1:8080             | tcp://127.0.0.1:8080",
        "TCP://127.0.0.1:8080             | tcp://127.0.0.1:8080",
        "tls://example.com:443            | tls://example.com:443",
        "Example.COM:443                  | tcp://example.com:443",
        "example.com.:443                 | tcp://example.com.:443",
        "[::1]:8080                       | tcp://[::1]:8080",
        "tcp://[0:0:0:0:0:0:0:1]:8080     | tcp://[::1]:8080",
        "tcp://[2001:DB8:0:0:1:0:0:1]:1   | tcp://[2001:db8::1:0:0:1]:1",
        "tcp://[2001:db8:0:1:1:1:1:1]:1   | tcp://[2001:db8:0:1:1:1:1:1]:1",
        "tcp://[::ffff:192.0.2.1]:65535   | tcp://[::ffff:c000:201]:65535",
        "tcp://[fe80::1%251]:80           | tcp://[fe80::1%251]:80",
        "tcp://bücher.example:80          | tcp://xn--bcher-kva.example:80",
        "tcp://my_service.internal:80     | tcp://my_service.internal:80",
        "unix:///run/app.sock             | unix:///run/app.sock",
        "unix:///tmp/with space.sock      | unix:///tmp/with space.sock",
        "unix:///tmp//app.sock/           | unix:///tmp/app.sock",
    })
    void parsesToTheCanonicalForm(String input, String canonical) {
        assertEquals(canonical, Endpoint.parse(input).toString());
        assertEquals(Endpoint.parse(canonical), Endpoint.parse(input));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                               | the URI is empty",
        "example.com                      | the port is missing (expected host:port)",
        "example.com:                     | the port is missing after ':'",
        "example.com:http                 | port 'http' is not a number",
        "example.com:-1                   | port '-1' is not a number",
        "example.com:+80                  | port '+80' is not a number",
        "example.com:0                    | port 0 is outside 1-65535 (0, any free port, is only for listening)",
        "example.com:65536                | port 65536 is outside 1-65535",
        "example.com:123456               | port 123456 is outside 1-65535",
        "http://example.com:80            | unknown scheme 'http' (expected tcp, tls, unix or udp)",
        "://example.com:80                | the scheme before '://' is empty",
        "::1:80                           | an IPv6 address must be written in brackets, like [::1]:80",
        "tcp://::1:80                     | an IPv6 address must be written in brackets, like [::1]:80",
        "[::1:80                          | '[' opens an IPv6 address that no ']' closes",
        "[::1]                            | the port is missing (expected [::1]:port)",
        "[::1]x:80                        | unexpected 'x:80' after ']' (expected :port)",
        "[]:80                            | the host is empty",
        "[example.com]:80                 | 'example.com' in brackets is not an IPv6 address",
        "[::g]:80                         | '::g' is not a valid IPv6 address",
        ":80                              | the host is empty",
        "tcp://:80                        | the host is empty",
        "exa mple.com:80                  | it contains whitespace at index 3",
        "exa$mple.com:80                  | hostname 'exa$mple.com' contains '$', which is not allowed in a hostname",
        "-example.com:80                  | hostname label '-example' starts or ends with '-'",
        "example..com:80                  | hostname 'example..com' has an empty label",
        "example.com/path:80              | a path is not allowed here (found '/path:80')",
        "example.com:80/                  | a path is not allowed here (found '/')",
        "example.com:80?x=1               | a query is not allowed here (found '?x=1')",
        "example.com:80#top               | a fragment is not allowed here (found '#top')",
        "user@example.com:80              | user information before '@' is not allowed",
        "1.2.3:80                         | '1.2.3' is a short IPv4 form; write the dotted quad 1.2.0.3",
        "1.2.3.256:80                     | '1.2.3.256' is not a valid IPv4 address (expected four numbers 0-255)",
        "01.2.3.4:80                      | '01.2.3.4' is not a valid IPv4 address (leading zeros are ambiguous: some read them as octal, giving 1.2.3.4)",
        "unix://                          | the socket path is empty (expected unix:///absolute/path)",
        "unix://relative.sock             | the socket path 'relative.sock' is relative or has a host (expected unix:///absolute/path)",
    })
    void rejectsMalformedUrisNamingTheFault(String input, String fault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(input));
        assertEquals("Invalid URI '" + input + "': " + fault, e.getMessage());
    }

    @Test
    void rejectsLabelsOver63AndNamesOver253Characters() {
        String label64 = "a".repeat(64);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse(label64 + ".example:80"));
        assertTrue(label.getMessage().endsWith("hostname label '" + label64
                + "' is 64 characters long, more than the 63 allowed"), label.getMessage());

        String name = ("a".repeat(63) + ".").repeat(4).substring(0, 254);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse(name + ":80"));
        assertTrue(tooLong.getMessage().endsWith("hostname is 254 characters long, more than the 253 allowed"),
                tooLong.getMessage());
        assertEquals(253, Endpoint.parse(name.substring(0, 253) + ":80").host().length());
    }

    @Test
    void rejectsUnixPathsLongerThanASocketAddressHolds() {
        String path = "/" + "p".repeat(107);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("unix://" + path));
        assertTrue(e.getMessage().endsWith("the socket path is 108 bytes long, more than the 107 a Unix socket address can hold"),
                e.getMessage());
    }

    @Test
    void unixPathsAreCheckedAtParseTimeSoNothingFailsLater() {
        String uri = "unix:///tmp/a\uD800b.sock";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(uri));
        assertEquals("Invalid URI '" + uri + "': the socket path contains U+D800, half of a surrogate pair"
                + " without its other half, at index 13", e.getMessage());

        Endpoint unix = Endpoint.parse("unix:///tmp/b\u00FCcher.sock");
        assertEquals(Path.of("/tmp/b\u00FCcher.sock"), unix.path());
        assertEquals(UnixDomainSocketAddress.of("/tmp/b\u00FCcher.sock"), unix.socketAddress());
    }

    @Test
    void aLongLabelWithOneNonAsciiCharacterIsAnIllegalArgumentExceptionNamingTheUri() {
        for (String uri : new String[] {"tcp://" + "a".repeat(1000) + "\u00E9:80", "tcp://" + "a".repeat(70_000) + "\u00E9.example:80",
                "tcp://" + "\u00E9.".repeat(200) + "example:80"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(uri));
            assertTrue(e.getMessage().startsWith("Invalid URI '" + uri + "': "), e.getMessage());
        }
    }

    @Test
    void aDecimalIpv4NumberWithAnInvisibleCharacterIsRefusedNotConnectedTo() {
        IllegalArgumentException zeroWidth = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("tcp://2130706433\u200B:80"));
        assertEquals("Invalid URI 'tcp://2130706433\u200B:80': the host contains U+200B ZERO WIDTH SPACE,"
                + " an invisible format character, at index 16", zeroWidth.getMessage());
        IllegalArgumentException softHyphen = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("tcp://21307\u00AD06433:80"));
        assertTrue(softHyphen.getMessage().contains("U+00AD SOFT HYPHEN"), softHyphen.getMessage());
        IllegalArgumentException shortForm = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("tcp://127\u00AD.1:80"));
        assertTrue(shortForm.getMessage().startsWith("Invalid URI 'tcp://127\u00AD.1:80': "), shortForm.getMessage());
        IllegalArgumentException byteOrderMark = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("tcp://12740.\uFEFF0.1:80"));
        assertTrue(byteOrderMark.getMessage().startsWith("Invalid URI 'tcp://12740.\uFEFF0.1:80': "), byteOrderMark.getMessage());
    }

    @Test
    void nullIsANullPointerExceptionWithAMessage() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Endpoint.parse(null));
        assertEquals("uri is null", e.getMessage());
        NullPointerException scheme = assertThrows(NullPointerException.class, () -> Scheme.of(null));
        assertEquals("scheme text is null", scheme.getMessage());
    }

    @Test
    void portZeroIsOnlyForListening() {
        assertEquals(0, Endpoint.parseListening("tcp://127.0.0.1:0").port());
        assertEquals("tcp://[::]:0", Endpoint.parseListening("[::]:0").toString());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("tcp://127.0.0.1:0"));
    }

    @Test
    void exposesItsParts() throws Exception {
        Endpoint tls = Endpoint.parse("tls://[2001:db8::1]:443");
        assertEquals(Scheme.TLS, tls.scheme());
        assertEquals("2001:db8::1", tls.host());
        assertEquals(443, tls.port());
        assertEquals(InetAddress.getByName("2001:db8::1"), tls.ipAddress().orElseThrow());
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 443), tls.socketAddress());
        assertEquals(Endpoint.parse("tcp://[2001:db8::1]:443"), tls.withScheme(Scheme.TCP));
        assertEquals(URI.create("tls://[2001:db8::1]:443"), tls.toUri());

        Endpoint name = Endpoint.parse("example.com:80");
        assertTrue(name.ipAddress().isEmpty());
        assertTrue(((InetSocketAddress) name.socketAddress()).isUnresolved());

        Endpoint unix = Endpoint.parse("unix:///tmp/with space.sock");
        assertEquals(Path.of("/tmp/with space.sock"), unix.path());
        assertEquals(UnixDomainSocketAddress.of("/tmp/with space.sock"), unix.socketAddress());
        assertEquals("unix:///tmp/with%20space.sock", unix.toUri().toString());
        assertThrows(IllegalStateException.class, unix::host);
        assertThrows(IllegalStateException.class, name::path);
        assertThrows(IllegalArgumentException.class, () -> unix.withScheme(Scheme.TCP));
    }

    @Test
    void writesSocketAddressesWithoutScopeNoise() throws Exception {
        assertEquals("tcp://[::1]:80", Endpoint.of(Scheme.TCP, new InetSocketAddress("::1", 80)).toString());
        assertEquals("tls://127.0.0.1:443", Endpoint.of(Scheme.TLS, new InetSocketAddress("127.0.0.1", 443)).toString());
        assertThrows(IllegalArgumentException.class,
                () -> Endpoint.of(Scheme.TCP, InetSocketAddress.createUnresolved("example.com", 80)));
    }
}
