package dev.shuttle.udp;

/**
 * Handles one datagram received by {@link UdpServer#serve(DatagramHandler)}, on a virtual thread
 * of its own.
 *
 * <p>An exception goes to the server's {@linkplain UdpOptions#errorHandler() error handler}, and
 * the server goes on.
 */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * Handles the datagram. May block; while {@link UdpOptions#maxConcurrentHandlers()} handlers
     * run, the server receives nothing more. Do not interrupt a handler's thread while it
     * {@linkplain UdpServer#send sends}: the JDK then closes the channel the whole server shares,
     * and serving ends for every handler.
     *
     * @param datagram the datagram and its sender
     * @param server the server that received it, to reply with
     *     {@code server.send(datagram.sender(), reply)}
     * @throws Exception anything; it is reported to the error handler and serving goes on (an
     *     {@code Error} thrown here instead closes the server, and {@link UdpServer#serve} throws it)
     */
    void handle(Datagram datagram, UdpServer server) throws Exception;
}
