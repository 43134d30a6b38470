package dev.shuttle.it.clients;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the connections Shuttle made: the proof that a client's socket went through Shuttle. */
final class ConnectCounter implements ConnectListener {
    private final AtomicInteger connected = new AtomicInteger();

    @Override
    public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
        connected.incrementAndGet();
    }

    int connected() {
        return connected.get();
    }
}
