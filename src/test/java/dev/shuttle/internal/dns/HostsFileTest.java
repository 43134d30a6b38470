package dev.shuttle.internal.dns;

import static java.net.StandardProtocolFamily.INET;
import static java.net.StandardProtocolFamily.INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosts file as the C library reads it: bad lines, words and bytes ignored, the first line wins. */
class HostsFileTest {
    @TempDir
    Path dir;

    private HostsFile file(byte[] content) throws Exception {
        return new HostsFile(Files.write(dir.resolve("hosts"), content));
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aByteThatIsNotUtf8SpoilsOnlyItsOwnWord() throws Exception {
        // dnsjava's HostsFileParser dropped the whole file for the Latin-1 'é' of the comment.
        HostsFile hosts = file(latin1("# Rechner für das Büro\n192.0.2.1 printer caf\u00e9\n192.0.2.2 scanner\n"));

        assertEquals(Optional.of(InetAddress.ofLiteral("192.0.2.1")), hosts.address("printer", INET));
        assertEquals(Optional.of(InetAddress.ofLiteral("192.0.2.2")), hosts.address("scanner", INET));
        assertEquals("printer", hosts.address("printer", INET).orElseThrow().getHostName(), "named as looked up");
    }

    @Test
    void theFirstLineNamingAHostWinsForEachFamilyWhateverTheCaseOrFinalDot() throws Exception {
        HostsFile hosts = file(latin1("192.0.2.1 Db.Internal.\n192.0.2.9 db.internal\n2001:db8::1 db.internal\n"));

        assertEquals(Optional.of(InetAddress.ofLiteral("192.0.2.1")), hosts.address("db.internal", INET));
        assertEquals(Optional.of(InetAddress.ofLiteral("192.0.2.1")), hosts.address("db.internal.", INET));
        assertEquals(Optional.of(InetAddress.ofLiteral("2001:db8::1")), hosts.address("db.internal", INET6));
    }

    @Test
    void linesAndWordsThatCannotBeUsedAreIgnored() throws Exception {
        HostsFile hosts = file(latin1(String.join("\r\n", "127.1 short", "2130706433 numeric", "0x7f.0.0.1 hex",
                "256.1.1.1 big", "192.0.2.1", "192.0.2.3 ok a..b \\256 192.0.2.4 -bad", "   ", "#192.0.2.5 commented",
                "192.0.2.6\tafter#comment  # note", "\u0000 nul")));

        for (String name : new String[] {"short", "numeric", "hex", "big", "a..b", "commented", "192.0.2.4", "comment"}) {
            assertEquals(Optional.empty(), hosts.address(name, INET), name);
        }
        assertEquals(Optional.of(InetAddress.ofLiteral("192.0.2.3")), hosts.address("ok", INET));
        assertEquals(Optional.of(InetAddress.ofLiteral("192.0.2.6")), hosts.address("after", INET));
    }

    @Test
    void aMissingFileHasNoEntries() {
        assertEquals(Optional.empty(), new HostsFile(dir.resolve("missing")).address("anything", INET));
    }
}
