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

    LazyTlsClient(TlsOptions options) {
        this.options = options;
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
