package dev.shuttle.internal.io;

import java.net.Socket;

/**
 * The TCP socket under a connection that must not hand its socket out because bytes written there
 * would bypass a layer above it (TLS to an {@code https://} proxy, say), offered for its socket
 * options and addresses only: {@code connection.unwrap(CarrierSocket.class)}. Whoever takes it
 * reads and writes through the connection, never through this socket.
 *
 * @param socket the TCP socket carrying the connection
 */
public record CarrierSocket(Socket socket) {}
