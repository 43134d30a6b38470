package dev.shuttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.batch.BatchOptions;
import dev.shuttle.pool.PoolOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.udp.UdpOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Options are values: equal settings make equal options (a {@code TlsOptions} used as a cache key
 * finds the same entry), and every setting takes part in {@code equals}.
 */
class OptionsAreValuesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/shuttle");
    private static final List<String> OPTIONS = List.of("ConnectorOptions.java", "ServerOptions.java",
            "SocketOptions.java", "ResolverOptions.java", "tls/TlsSettings.java", "tls/TlsOptions.java", "tls/TlsServerOptions.java",
            "tls/TlsCertificate.java", "pool/PoolOptions.java", "batch/BatchOptions.java", "udp/UdpOptions.java",
            "ProxyProtocol.java");
    private static final Pattern FIELD = Pattern.compile("^    private final [\\w<>, ?.]+ (\\w+);", Pattern.MULTILINE);

    @Test
    void everySettingOfEveryOptionsClassTakesPartInEquals() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String file : OPTIONS) {
            String source = Files.readString(SOURCES.resolve(file));
            int builder = source.indexOf("static final class Builder");
            if (builder < 0) {
                builder = source.indexOf("static sealed class Builder");
            }
            String fields = builder < 0 ? source : source.substring(0, builder);
            String compared = comparedPart(source);
            Matcher field = FIELD.matcher(fields);
            int count = 0;
            while (field.find()) {
                count++;
                if (!Pattern.compile("\\b" + field.group(1) + "\\b").matcher(compared).find()) {
                    missing.add(file + ": " + field.group(1));
                }
            }
            assertTrue(count > 0, "no settings found in " + file);
        }
        assertEquals(List.of(), missing, "settings left out of equals");
    }

    /** The text of {@code values()} when there is one, else of {@code equals}. */
    private static String comparedPart(String source) {
        int start = source.indexOf("private List<Object> values()");
        if (start < 0) {
            start = source.indexOf("final List<Object> sharedValues()");
        }
        if (start < 0) {
            start = source.indexOf("public boolean equals(Object");
        }
        assertTrue(start >= 0, "no equals");
        int end = source.indexOf("\n    }\n", start);
        return source.substring(start, end);
    }

    @Test
    void equalSettingsMakeEqualOptionsAndOneDifferentSettingUnequal() {
        assertValue(ConnectorOptions.builder().connectTimeout(Duration.ofSeconds(3)).build(),
                ConnectorOptions.builder().connectTimeout(Duration.ofSeconds(3)).build(),
                ConnectorOptions.builder().connectTimeout(Duration.ofSeconds(4)).build());
        Consumer<Throwable> handler = error -> { };
        assertValue(ServerOptions.builder().backlog(10).errorHandler(handler).build(),
                ServerOptions.builder().backlog(10).errorHandler(handler).build(),
                ServerOptions.builder().backlog(10).errorHandler(error -> { }).build());
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost");
        assertValue(TlsOptions.builder().trustCertificates(certificate.chain()).applicationProtocols("h2").build(),
                TlsOptions.builder().trustCertificates(certificate.chain()).applicationProtocols("h2").build(),
                TlsOptions.builder().trustCertificates(certificate.chain()).applicationProtocols("http/1.1").build());
        assertValue(TlsServerOptions.builder().certificate(certificate).build(),
                TlsServerOptions.builder().certificate(certificate).build(),
                TlsServerOptions.builder().certificate(TlsCertificate.selfSigned("localhost")).build());
        assertValue(PoolOptions.builder().maxWait(Duration.ofSeconds(1)).build(),
                PoolOptions.builder().maxWait(Duration.ofSeconds(1)).build(),
                PoolOptions.builder().maxWait(Duration.ofSeconds(2)).build());
        assertValue(BatchOptions.builder().concurrency(3).build(), BatchOptions.builder().concurrency(3).build(),
                BatchOptions.builder().concurrency(4).build());
        assertValue(UdpOptions.builder().maxDatagramSize(512).build(), UdpOptions.builder().maxDatagramSize(512).build(),
                UdpOptions.builder().maxDatagramSize(513).build());
    }

    private static void assertValue(Object one, Object same, Object other) {
        assertEquals(one, same);
        assertEquals(one.hashCode(), same.hashCode());
        assertEquals(one.toString(), same.toString());
        assertNotEquals(one, other);
        assertNotEquals(one.toString(), "");
    }
}
