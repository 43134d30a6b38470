package dev.shuttle.internal.io;

import java.nio.channels.SocketChannel;

/**
 * A connection that can wait for data in a {@link java.nio.channels.Selector} instead of on a
 * thread: its bytes arrive straight from a socket channel, with nothing decrypted or read ahead
 * of the channel, so "the channel is readable" means "a read returns at once".
 */
public interface SelectableConnection {

    /**
     * {@return the channel to wait on, or {@code null} when readiness of the channel says nothing
     * about this connection's data} (TLS, a Unix connection reading ahead for its read timeout)
     */
    SocketChannel selectableChannel();
}
