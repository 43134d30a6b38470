package dev.shuttle.internal.tls;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Keeps the {@code SSLContext} built for an options object as long as the options object lives,
 * so that {@code StartTls} calls with the same options share one context (its trust store loaded
 * once, its TLS 1.2 sessions resumed). Keyed by identity: the options classes do not override
 * {@code equals}. Values must not refer to their key, or the key would never be collected.
 */
public final class ContextCache<K, V> {
    private final Map<K, V> built = new WeakHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Function<K, V> builder;

    public ContextCache(Function<K, V> builder) {
        this.builder = builder;
    }

    public V get(K options) {
        lock.lock();
        try {
            return built.computeIfAbsent(options, builder);
        } finally {
            lock.unlock();
        }
    }
}
