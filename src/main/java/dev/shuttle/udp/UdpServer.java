package dev.shuttle.udp;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.udp.BoundUdpServer;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A UDP socket bound to a local address, talking with any number of peers: it receives each
 * datagram with its sender's address and sends datagrams to any address. Every datagram keeps
 * its exact size and boundaries, an empty one included.
 *
 * <p>Either {@link #serve(DatagramHandler) serve} datagrams, each handled on a virtual thread of
 * its own, or {@link #receive() receive} them one at a time. Thread-safe: one thread receives
 * (or serves) while any number send.
 *
 * {@snippet :
 * try (UdpServer server = UdpServer.listen("udp://127.0.0.1:5300")) {
 *     server.serve((datagram, udp) -> udp.send(datagram.sender(), datagram.payload()));   // echo
 * }
 * }
 */
public interface UdpServer extends Closeable {

    /**
     * Binds with the default options; see {@link #listen(String, UdpOptions)}.
     *
     * @param uri where to listen
     * @return the bound server
     * @throws IllegalArgumentException if the URI is malformed, not {@code udp://}, or names a
     *     hostname other than {@code localhost}, before any I/O
     * @throws java.net.BindException if the address is in use or not local, naming it
     * @throws IOException if the socket cannot be opened
     */
    static UdpServer listen(String uri) throws IOException {
        return listen(uri, UdpOptions.defaults());
    }

    /**
     * Binds a UDP socket. {@code udp://127.0.0.1:0} picks a free port (see {@link #address()});
     * {@code udp://[::]:5300} receives on every address, IPv6 and IPv4 (IPv4 senders appear with
     * their IPv4 address); {@code udp://0.0.0.0:5300} every IPv4 address;
     * {@code udp://localhost:0} the IPv4 loopback address.
     *
     * @param uri where to listen: {@code udp://ip:port} or {@code udp://localhost:port}
     * @param options the options
     * @return the bound server
     * @throws IllegalArgumentException if the URI is malformed, not {@code udp://}, or names a
     *     hostname other than {@code localhost}, before any I/O
     * @throws java.net.BindException if the address is in use or not local, naming it
     * @throws IOException if the socket cannot be opened
     */
    static UdpServer listen(String uri, UdpOptions options) throws IOException {
        return BoundUdpServer.listen(uri, Objects.requireNonNull(options, "options"));
    }

    /**
     * Waits for the next datagram from anyone and returns it with its sender.
     *
     * @return the datagram, its payload exactly its size
     * @throws java.net.SocketTimeoutException if the {@linkplain #setReceiveTimeout receive
     *     timeout} passed; the server stays usable
     * @throws DatagramTooLargeException if the datagram was larger than
     *     {@link UdpOptions#maxDatagramSize()}; it is consumed, and the server stays usable
     * @throws java.io.InterruptedIOException if the thread was interrupted; the server is closed
     * @throws IOException if the server is or gets closed, or receiving failed
     */
    Datagram receive() throws IOException;

    /**
     * Sends one datagram holding exactly {@code payload} to an address; see
     * {@link #send(Endpoint, byte[], int, int)}.
     *
     * @param to the receiver, such as {@link Datagram#sender()}
     * @param payload the payload
     * @throws IllegalArgumentException as for {@link #send(Endpoint, byte[], int, int)}
     * @throws IOException as for {@link #send(Endpoint, byte[], int, int)}
     */
    default void send(Endpoint to, byte[] payload) throws IOException {
        send(to, payload, 0, payload.length);
    }

    /**
     * Sends one datagram holding exactly these bytes to an address, from this server's address.
     * It returns once the kernel has the datagram, which says nothing of its delivery; an
     * unreachable receiver is not reported (the socket is not connected).
     *
     * @param to the receiver: a {@code udp://} endpoint with an IP address
     * @param payload holds the payload
     * @param offset where it starts
     * @param length its size: 0 to {@value UdpOptions#MAX_IPV4_PAYLOAD} bytes to an IPv4
     *     address, 0 to {@value UdpOptions#MAX_IPV6_PAYLOAD} to an IPv6 address
     * @throws IllegalArgumentException before any I/O, if the payload is larger than one datagram
     *     can carry, or {@code to} is not {@code udp://}, has a hostname, or is of an address
     *     family this server cannot reach (IPv6 from an IPv4 server)
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} are outside the array
     * @throws java.io.InterruptedIOException if the thread was interrupted; the server is closed
     * @throws IOException if the server is closed, or sending failed
     */
    void send(Endpoint to, byte[] payload, int offset, int length) throws IOException;

    /**
     * Serves datagrams until the server is closed: receives each and runs the handler on a virtual
     * thread of its own, inside one structured scope, at most
     * {@link UdpOptions#maxConcurrentHandlers()} at once (while that many run, the server does
     * not receive, and datagrams wait in the kernel's receive buffer). Returns only after the
     * server is closed and every handler has returned: closing interrupts the handlers still
     * running, so {@code serve} returns as soon as each has ended on its interrupt (a handler that
     * ignores interrupts keeps it waiting).
     *
     * <p>A handler's exception (not an {@code Error}) goes to the {@linkplain UdpOptions#errorHandler() error handler};
     * so does a receive error (a datagram too large, an I/O error), after which the server goes on
     * receiving. The receive timeout does not apply. Interrupting the thread in {@code serve}
     * closes the server.
     *
     * <p>The handlers share the server's one channel: interrupting a handler's thread while it
     * sends (or a handler interrupting itself, then sending) closes that channel, as the JDK closes
     * an interruptible channel, and so ends serving for every handler.
     *
     * @param handler what to do with each datagram
     * @throws InterruptedException if the calling thread was interrupted; the server is closed and
     *     every handler has finished
     * @throws IllegalStateException if the server is already serving
     * @throws Error the very {@code Error} a handler or the error handler threw (the error
     *     handler's {@code RuntimeException}s are logged and serving goes on), or serving itself failed (such as a handler thread that
     *     could not start); the server is closed and every handler has finished. {@code serve}
     *     never returns normally while the server is open.
     */
    void serve(DatagramHandler handler) throws InterruptedException;

    /**
     * Sets how long {@link #receive()} waits before it throws
     * {@link java.net.SocketTimeoutException}.
     *
     * @param timeout the longest wait, or {@link Duration#ZERO} to wait for ever (the default,
     *     unless {@link UdpOptions#receiveTimeout()} says otherwise); rounded up to whole
     *     milliseconds
     * @throws IllegalArgumentException if negative
     * @throws IOException if the server is closed
     */
    void setReceiveTimeout(Duration timeout) throws IOException;

    /** {@return the current receive timeout, {@link Duration#ZERO} for none} */
    Duration receiveTimeout();

    /** {@return the address the server is bound to, with the real port when it was asked for port 0} */
    Endpoint address();

    /** {@return whether the server is open} */
    boolean isOpen();

    /**
     * Closes the socket: a thread blocked in {@link #receive()} gets an {@link IOException},
     * {@link #serve} stops receiving and returns once its running handlers have returned (their
     * sends now fail). Calling it again does nothing.
     */
    @Override
    void close();

    /**
     * Gives access to what is underneath: the {@link java.nio.channels.DatagramChannel}.
     *
     * @param type the class wanted
     * @param <T> the type wanted
     * @return the object, or empty if this server has nothing of that type
     */
    <T> Optional<T> unwrap(Class<T> type);
}
