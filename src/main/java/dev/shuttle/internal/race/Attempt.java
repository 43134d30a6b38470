package dev.shuttle.internal.race;

import dev.shuttle.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;

/** One connection attempt to one address: TCP, or TCP and the TLS handshake. */
@FunctionalInterface
public interface Attempt {
    /**
     * Connects to an address; interruptible.
     *
     * @param address the address
     * @return the connection
     * @throws IOException if the attempt failed
     */
    Connection connect(InetSocketAddress address) throws IOException;
}
