package dev.shuttle.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ShuttleInetAddressResolverTest {
    private static final LookupPolicy BOTH = LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6 | LookupPolicy.IPV4_FIRST);
    private static final InetAddress BUILTINS_ANSWER = InetAddress.ofLiteral("192.0.2.7");
    private static final InetAddress SHUTTLES_ANSWER = InetAddress.ofLiteral("192.0.2.44");

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

    /** Knows only {@code known.example}. */
    private final Resolver shuttle = (host, family) -> {
        if (host.equals("known.example") && family == java.net.StandardProtocolFamily.INET) {
            return List.of(SHUTTLES_ANSWER);
        }
        if (host.equals("known.example")) {
            return List.of();
        }
        throw new UnknownHostException(host + ": no such name");
    };

    /** The built-in resolver of these tests: answers every name with one address, and counts. */
    private final List<String> askedTheBuiltin = new CopyOnWriteArrayList<>();
    private final InetAddressResolver builtin = new InetAddressResolver() {
        @Override
        public java.util.stream.Stream<InetAddress> lookupByName(String host, LookupPolicy policy) {
            askedTheBuiltin.add(host);
            return java.util.stream.Stream.of(BUILTINS_ANSWER);
        }

        @Override
        public String lookupByAddress(byte[] address) {
            return "reverse.example";
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

    @Test
    void thisMachinesOwnNameGoesToTheBuiltinResolverWhenShuttleCannotResolveIt() throws Exception {
        var hook = new ShuttleInetAddressResolver(builtin, () -> "build-host-7", () -> Optional.of(shuttle));
        assertEquals(List.of(BUILTINS_ANSWER), hook.lookupByName("build-host-7", BOTH).toList());
        assertEquals(List.of(BUILTINS_ANSWER), hook.lookupByName("Build-Host-7", BOTH).toList());
        assertEquals(List.of("build-host-7", "Build-Host-7"), askedTheBuiltin);
        // Any other name Shuttle cannot resolve is unknown; names it resolves are its own answers.
        assertEquals("other-host: no such name",
                assertThrows(UnknownHostException.class, () -> hook.lookupByName("other-host", BOTH)).getMessage());
        assertEquals(List.of(SHUTTLES_ANSWER), hook.lookupByName("known.example", BOTH).toList());
        var knownLocally = new ShuttleInetAddressResolver(builtin, () -> "known.example", () -> Optional.of(shuttle));
        assertEquals(List.of(SHUTTLES_ANSWER), knownLocally.lookupByName("known.example", BOTH).toList());
        assertEquals(2, askedTheBuiltin.size());
    }

    @Test
    void badNameserversAreWarnedAboutOnceAndTheBuiltinResolverAnswers() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("dev.shuttle.resolver");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            AtomicInteger made = new AtomicInteger();
            var hook = new ShuttleInetAddressResolver(builtin, () -> "build-host-7", () -> {
                made.incrementAndGet();
                return ResolverHook.resolver("10.0.0.53, not-an-address");
            });
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(BUILTINS_ANSWER), hook.lookupByName("known.example", BOTH).toList());
            }
            assertEquals(1, made.get(), "the options are built once");
            assertEquals(3, askedTheBuiltin.size());
            assertEquals(1, warnings.size(), warnings.toString());
            LogRecord warning = warnings.getFirst();
            assertEquals(Level.WARNING, warning.getLevel());
            assertTrue(warning.getMessage().startsWith("System property dev.shuttle.resolver.nameservers is"
                    + " '10.0.0.53, not-an-address' (nameserver 'not-an-address' is not valid"), warning.getMessage());
            assertTrue(warning.getMessage().endsWith("the JDK's built-in resolver answers instead"), warning.getMessage());
        } finally {
            logger.removeHandler(handler);
        }
    }
}
