package dev.shuttle;

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
     * run, the server receives nothing more.
     *
     * @param datagram the datagram and its sender
     * @param server the server that received it, to reply with
     *     {@code server.send(datagram.sender(), reply)}
     * @throws Exception anything; it is reported to the error handler
     */
    void handle(Datagram datagram, UdpServer server) throws Exception;
}
