package dev.shuttle.internal.connector;

import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.tls.TlsClient;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The TLS client of a default connector, built at its first {@code tls://} connect: an
 * application that never speaks TLS never loads BouncyCastle.
 */
final class LazyTlsClient {
    private final TlsOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile TlsClient client;
    private final java.util.Map<java.util.List<String>, LazyTlsClient> offering = new java.util.concurrent.ConcurrentHashMap<>();

    LazyTlsClient(TlsOptions options) {
        this.options = options;
    }

    /**
     * {@return the client with other ALPN ids and otherwise the same options: what a service
     * endpoint and the connector share (Happy Eyeballs v3); itself when they are the same}
     *
     * @param applicationProtocols the ALPN ids to offer
     */
    LazyTlsClient offering(java.util.List<String> applicationProtocols) {
        if (applicationProtocols.equals(options.applicationProtocols())) {
            return this;
        }
        return offering.computeIfAbsent(java.util.List.copyOf(applicationProtocols), protocols -> new LazyTlsClient(
                options.toBuilder().applicationProtocols(protocols.toArray(String[]::new)).build()));
    }

    TlsClient get() {
        TlsClient built = client;
        if (built == null) {
            lock.lock();
            try {
                built = client;
                if (built == null) {
                    built = TlsClient.of(options);
                    client = built;
                }
            } finally {
                lock.unlock();
            }
        }
        return built;
    }
}
