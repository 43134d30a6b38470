package dev.shuttle.internal.dns;

import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import dev.shuttle.fuzz.FuzzTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.Rcode;

/**
 * Fuzzes the hosts file as Shuttle's DNS resolver reads it (through dnsjava's
 * {@code HostsFileParser}, set by {@link ResolverOptions.Builder#hostsFile(Path)}): a good line
 * planted among malformed ones (bad addresses and names, numeric and short IPv4 forms, invisible
 * characters, comments, NULs, very long lines, bytes that are not UTF-8, CR LF line ends).
 *
 * <p>Invariant: bad lines are ignored, never fatal: the planted line's names resolve to its
 * address whatever surrounds it, and looking up any name from the file gives addresses or an
 * {@link IOException} (the scripted DNS server answers NXDOMAIN), never a runtime exception.
 */
class HostsFileFuzzTest {
    private static final InetAddress PLANTED = InetAddress.ofLiteral("192.0.2.77");
    private static final String PLANTED_LINE = "192.0.2.77 planted.test alias.test # the good line";

    private static Path file;

    @BeforeContainer
    static void createFile() throws IOException {
        file = Files.createTempFile("shuttle-fuzz-hosts", "");
    }

    @AfterContainer
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Provide
    Arbitrary<byte[]> badLine() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("127.0.0.1", "::1", "127.1", "2130706433", "0x7f.1", "0177.0.0.1", "256.1.1.1", "1.2.3",
                        "fe80::1%lo", "::ffff:1.2.3.4", "1::2::3", "localhost", "LOCALHOST.", "a..b", ".", "..", "-a",
                        "a".repeat(64), "a".repeat(300), "b\u00FCcher.test", "xn--", "\\", "\\256", "\\065", "\"q\"",
                        "@", "*", "#", "# comment", "\u200B", "127\u00AD.0.0.1", "\uFF11.2.3.4", "\u0000", "\t", "\r"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0080', '\uFFFD').ofMinLength(1).ofMaxLength(3));
        Arbitrary<byte[]> text = token.list().ofMaxSize(6)
                .map(tokens -> String.join(" ", tokens).getBytes(StandardCharsets.UTF_8));
        // A byte that is not UTF-8 (Latin-1 text, a stray byte) at the end of some lines.
        Arbitrary<byte[]> notUtf8 = net.jqwik.api.Combinators.combine(text,
                Arbitraries.of((byte) 0xff, (byte) 0xe9, (byte) 0x80, (byte) 0xc3)).as((bytes, bad) -> {
                    byte[] withBad = java.util.Arrays.copyOf(bytes, bytes.length + 1);
                    withBad[bytes.length] = bad;
                    return withBad;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, text), net.jqwik.api.Tuple.of(1, notUtf8));
    }

    @Provide
    Arbitrary<List<byte[]>> badLines() {
        return badLine().list().ofMaxSize(8);
    }

    /** The good line is found among any bad lines; nothing but IOException comes out of a lookup. */
    @FuzzTarget
    void aGoodLineIsFoundAmongBadOnes(@ForAll("badLines") List<byte[]> before, @ForAll("badLines") List<byte[]> after,
            @ForAll boolean crlf, @ForAll boolean large) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] end = (crlf ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII);
        for (byte[] line : before) {
            content.writeBytes(line);
            content.writeBytes(end);
        }
        if (large) {
            // Past dnsjava's 16 KiB, the file is searched line by line at each lookup instead of cached.
            content.writeBytes(("#" + "x".repeat(20_000)).getBytes(StandardCharsets.US_ASCII));
            content.writeBytes(end);
        }
        content.writeBytes(PLANTED_LINE.getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(end);
        for (byte[] line : after) {
            content.writeBytes(line);
            content.writeBytes(end);
        }
        Files.write(file, content.toByteArray());
        Resolver resolver = resolver(file);
        String shown = HexFormat.of().formatHex(content.toByteArray());
        assertEquals(List.of(PLANTED), resolver.lookup("planted.test", INET), () -> "planted.test in " + shown);
        assertEquals(List.of(PLANTED), resolver.lookup("alias.test", INET), () -> "alias.test in " + shown);
        for (byte[] line : before) {
            for (String name : new String(line, StandardCharsets.UTF_8).split("[ \t]+")) {
                lookUpAnything(resolver, name, shown);
            }
        }
    }

    /**
     * A byte that is not UTF-8 (a comment in Latin-1, say), anywhere in a small hosts file or near
     * the line in a large one, spoils at most its own line, as for the C library. With dnsjava's
     * HostsFileParser, which decodes strict UTF-8, the lookup session silently skipped the whole
     * file, and every entry resolved through DNS instead.
     */
    @net.jqwik.api.Example
    void aByteThatIsNotUtf8SpoilsOnlyItsOwnLine() throws Exception {
        for (String bytes : List.of("# caf\u00E9 in Latin-1", "\u00FF")) {
            byte[] bad = bytes.getBytes(StandardCharsets.ISO_8859_1);
            for (boolean large : List.of(false, true)) {
                aGoodLineIsFoundAmongBadOnes(List.of(), List.of(bad), false, large);
                aGoodLineIsFoundAmongBadOnes(List.of(bad), List.of(), false, large);
            }
        }
    }

    private static void lookUpAnything(Resolver resolver, String name, String shown) {
        for (var family : List.of(INET, INET6)) {
            try {
                resolver.lookup(name, family);
            } catch (IllegalArgumentException | IOException e) {
                // A bad name, or no such name: both documented.
            } catch (RuntimeException e) {
                throw new AssertionError("looking up " + name + " threw " + e + " with the hosts file " + shown, e);
            }
        }
    }

    /** A resolver reading the hosts file, whose DNS server answers NXDOMAIN to everything, at once. */
    static Resolver resolver(Path hosts) {
        ResolverOptions options = ResolverOptions.builder().hostsFile(hosts).searchDomains(List.of()).ndots(1).build();
        ScriptedServer server = new ScriptedServer(query -> CompletableFuture.completedFuture(
                ScriptedServer.response(query, Rcode.NXDOMAIN, ScriptedServer.soa())));
        DnsjavaLookup lookup = new DnsjavaLookup(options, server,
                List.of(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.53"), 53)));
        return new DnsResolver(lookup, options, Ticker.SYSTEM, LookupObserver.NONE);
    }
}
