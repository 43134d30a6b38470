package dev.shuttle.internal.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** The system's DNS configuration survives a resolv.conf that dnsjava cannot read. */
class SystemDnsConfigTest {
    @TempDir
    Path dir;

    private static InetSocketAddress server(String address) {
        return new InetSocketAddress(InetAddress.ofLiteral(address), 53);
    }

    @Test
    void whenDnsjavaFailsOnTheSystemConfigurationResolvConfIsReadWithoutIt() throws Exception {
        // dnsjava 3.7 throws NoSuchElementException for a "nameserver" line without an address.
        Path resolvConf = Files.writeString(dir.resolve("resolv.conf"),
                "nameserver\nnameserver 192.0.2.53\nsearch corp.example\noptions ndots:2\n");

        SystemDnsConfig config = SystemDnsConfig.current(() -> {
            throw new NoSuchElementException();
        }, resolvConf);

        assertEquals(List.of(server("192.0.2.53")), config.servers());
        assertEquals(List.of(Name.fromConstantString("corp.example.")), config.searchPath());
        assertEquals(2, config.ndots());
    }

    @Test
    void linesAndWordsThatCannotBeUsedAreIgnoredAndNothingIsLookedUp() throws Exception {
        SystemDnsConfig config = SystemDnsConfig.parse(String.join("\n",
                "# comment", "; comment", "nameserver", "nameserver   ", "nameserver dns.example", "nameserver 2130706433",
                "nameserver 127.0.0.1:53", "nameserver [::1]", "nameserver 192.0.2.1 # first", "nameserver ::1",
                "nameserver 192.0.2.1", "nameserver 192.0.2.2", "nameserver 192.0.2.3", "garbage \u0000 line",
                "domain old.example", "search a.example a..b \\256 b.example", "options ndots:99 ndots:x rotate",
                "options ndots:"));

        assertEquals(List.of(server("192.0.2.1"), server("::1"), server("192.0.2.2")), config.servers(),
                "IP addresses only, at most three, without duplicates");
        assertEquals(List.of(Name.fromConstantString("a.example."), Name.fromConstantString("b.example.")), config.searchPath(),
                "the last search line, its unusable names left out");
        assertEquals(15, config.ndots(), "capped at 15, as the C library does");
    }

    @Test
    void withoutANameserverTheLocalOneIsUsed() {
        SystemDnsConfig config = SystemDnsConfig.parse("nameserver\nsearch\n");
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)), config.servers());
        assertEquals(List.of(), config.searchPath());
        assertEquals(1, config.ndots());
    }

    @Test
    void anUnreadableResolvConfGivesTheLocalNameserver() {
        SystemDnsConfig config = SystemDnsConfig.current(() -> {
            throw new NoSuchElementException();
        }, dir.resolve("missing"));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)), config.servers());
    }
}
