package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A connection that only remembers whether it was closed. */
final class FakeConnection implements Connection {
    final InetSocketAddress address;
    final AtomicBoolean closed = new AtomicBoolean();

    FakeConnection(InetSocketAddress address) {
        this.address = address;
    }

    @Override
    public InputStream input() {
        return InputStream.nullInputStream();
    }

    @Override
    public OutputStream output() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public Endpoint remoteAddress() {
        return Endpoint.of(Scheme.TCP, address);
    }

    @Override
    public Endpoint localAddress() {
        return Endpoint.of(Scheme.TCP, new InetSocketAddress("127.0.0.1", 1));
    }

    @Override
    public void setReadTimeout(Duration timeout) {}

    @Override
    public Duration readTimeout() {
        return Duration.ZERO;
    }

    @Override
    public void shutdownOutput() {}

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }
}
