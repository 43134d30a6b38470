package dev.shuttle.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Resolver;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShuttleInetAddressResolverTest {
    /** A resolver that answers every question with no address, both families at once included. */
    private final Resolver empty = new Resolver() {
        @Override
        public List<java.net.InetAddress> lookup(String host, java.net.StandardProtocolFamily family) {
            return List.of();
        }

        @Override
        public List<java.net.InetAddress> lookup(String host) {
            return List.of();
        }
    };

    @Test
    void anEmptyAnswerNamesTheFamiliesThatWereAskedFor() {
        assertEquals("empty.invalid: no IPv4 or IPv6 address", assertThrows(UnknownHostException.class,
                () -> ShuttleInetAddressResolver.lookup(empty, "empty.invalid",
                        LookupPolicy.IPV4 | LookupPolicy.IPV6 | LookupPolicy.IPV4_FIRST)).getMessage());
        assertEquals("empty.invalid: no IPv4 address", assertThrows(UnknownHostException.class,
                () -> ShuttleInetAddressResolver.lookup(empty, "empty.invalid", LookupPolicy.IPV4)).getMessage());
        assertEquals("empty.invalid: no IPv6 address", assertThrows(UnknownHostException.class,
                () -> ShuttleInetAddressResolver.lookup(empty, "empty.invalid", LookupPolicy.IPV6)).getMessage());
    }
}
