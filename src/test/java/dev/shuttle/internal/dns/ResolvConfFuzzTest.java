package dev.shuttle.internal.dns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ResolverOptions;
import dev.shuttle.fuzz.FuzzTarget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.config.ResolvConfResolverConfigProvider;
import org.xbill.DNS.config.ResolverConfigProvider;

/**
 * Fuzzes the system's {@code resolv.conf} as Shuttle's DNS resolver takes it (through dnsjava's
 * {@link ResolverConfig}, which Shuttle asks for the nameservers, search list and ndots when the
 * options leave them unset): the resolver is built from the default options while dnsjava reads
 * a fuzzed file in place of {@code /etc/resolv.conf}. Nameserver arguments are IP literals, odd
 * spellings of them, or missing; never hostnames, which dnsjava would look up on the network.
 *
 * <p>Invariant: a bad line is ignored, or building the resolver fails with an
 * {@link IllegalArgumentException} saying what is wrong; never another runtime exception. The
 * resolver's nameservers are resolved addresses. Shuttle's own reading of the file
 * ({@link SystemDnsConfig#parse(String)}, used when dnsjava fails) never throws, and gives one to
 * three IP addresses and an ndots of 0 to 15.
 */
class ResolvConfFuzzTest {
    private static List<ResolverConfigProvider> systemProviders;

    /** dnsjava's resolv.conf reader, given the fuzzed text; like dnsjava, it ignores an IOException. */
    static final class FuzzedResolvConf extends ResolvConfResolverConfigProvider {
        private final byte[] text;

        FuzzedResolvConf(byte[] text) {
            this.text = text;
        }

        @Override
        public void initialize() {
            try {
                parseResolvConf(new ByteArrayInputStream(text));
            } catch (IOException e) {
                // dnsjava's own initialize() ignores it too, and the next provider is asked.
            }
        }

        @Override
        public boolean isEnabled() {
            return true;
        }
    }

    @BeforeContainer
    static void keepTheSystemProviders() {
        systemProviders = new ArrayList<>(ResolverConfig.getConfigProviders());
    }

    @AfterContainer
    static void restoreTheSystemProviders() {
        ResolverConfig.setConfigProviders(systemProviders);
        ResolverConfig.refresh();
    }

    @Provide
    Arbitrary<String> lines() {
        // Only what the JDK takes as a literal: anything else would be looked up on the network.
        Arbitrary<String> address = Arbitraries.of("127.0.0.1", "::1", "192.0.2.53", "fe80::1%1", "[::1]", "::ffff:1.2.3.4",
                "", " ", "\t");
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("example.com", "a..b", ".", "..", "-a", "\\", "\\256", "\\065", "a".repeat(64), "a".repeat(300),
                        "b\u00FCcher.test", "\u200B", "ndots:", "ndots:0", "ndots:15", "ndots:16", "ndots:-1",
                        "ndots:99999999999", "ndots:\uFF11", "timeout:1", "rotate", "#", ";"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(10));
        Arbitrary<String> words = word.list().ofMaxSize(5).map(w -> String.join(" ", w));
        return Arbitraries.oneOf(
                address.map(a -> "nameserver " + a),
                Arbitraries.of("nameserver", "nameserver ", "domain", "search", "options"),
                words.map(w -> "search " + w),
                words.map(w -> "domain " + w),
                words.map(w -> "options " + w),
                words,
                Arbitraries.strings().ofMaxLength(30).filter(s -> !s.contains("nameserver")));
    }

    @Provide
    Arbitrary<List<String>> files() {
        return lines().list().ofMaxSize(8);
    }

    /** Building a resolver on any resolv.conf ignores bad lines or says what is wrong. */
    @FuzzTarget
    void aResolverIsBuiltFromAnyResolvConf(@ForAll("files") List<String> lines) {
        check(String.join("\n", lines));
    }

    /** The seeds: the lines that hurt before. */
    @Example
    void aNameserverLineWithoutAnAddressIsIgnored() {
        check("nameserver\nnameserver 127.0.0.1\n");
    }

    static void check(String text) {
        useAsTheSystemConfiguration(text);
        List<InetSocketAddress> servers;
        try {
            servers = DnsjavaSession.servers(ResolverOptions.defaults());
            DnsResolver.create(ResolverOptions.defaults());
        } catch (IllegalArgumentException e) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("a resolver built on the resolv.conf " + escaped(text) + " threw " + e, e);
        }
        for (InetSocketAddress server : servers) {
            assertTrue(!server.isUnresolved() && server.getAddress() instanceof InetAddress,
                    () -> "nameserver " + server + " from " + escaped(text));
        }
        // Shuttle's own reading, used when dnsjava fails: never fails, IP addresses only, the C library's limits.
        SystemDnsConfig own;
        try {
            own = SystemDnsConfig.parse(text);
        } catch (RuntimeException e) {
            throw new AssertionError("Shuttle's reading of the resolv.conf " + escaped(text) + " threw " + e, e);
        }
        assertTrue(!own.servers().isEmpty() && own.servers().size() <= 3 && own.servers().stream().noneMatch(
                InetSocketAddress::isUnresolved), () -> own + " from " + escaped(text));
        assertTrue(own.ndots() >= 0 && own.ndots() <= 15, () -> own + " from " + escaped(text));
    }

    /**
     * Makes dnsjava read the text as the system's resolv.conf on its next use, as on a first use in
     * a new JVM (dnsjava keeps the last configuration it could read, so it is forgotten here).
     */
    private static void useAsTheSystemConfiguration(String text) {
        ResolverConfig.setConfigProviders(List.of(new FuzzedResolvConf(text.getBytes(StandardCharsets.UTF_8))));
        try {
            java.lang.reflect.Field current = ResolverConfig.class.getDeclaredField("currentConfig");
            current.setAccessible(true);
            current.set(null, null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("dnsjava's ResolverConfig changed: " + e, e);
        }
    }

    private static String escaped(String text) {
        return dev.shuttle.fuzz.Escaped.of(text);
    }
}
