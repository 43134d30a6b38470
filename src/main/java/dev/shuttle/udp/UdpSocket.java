package dev.shuttle.udp;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.udp.ConnectedUdpSocket;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A UDP socket connected to one peer: it sends datagrams there and receives datagrams from there
 * only, each exactly as it was sent: one {@link #send(byte[])} is one datagram, one
 * {@link #receive()} returns one whole datagram, never part of one nor two run together.
 *
 * <p>UDP promises no delivery and no order: a datagram may be lost, duplicated or overtaken, and
 * nothing here retries. What a connected socket adds is the kernel's news of an unreachable peer:
 * when the peer's host answers a datagram with ICMP "port unreachable" (nothing listens there),
 * a later {@code send} or {@code receive} throws {@link java.net.PortUnreachableException}.
 *
 * <p>Thread-safe: one thread may receive while others send. Interrupting a virtual thread
 * blocked in {@code receive} closes the socket (the JDK does so) and the receive throws
 * {@link java.io.InterruptedIOException} with the interrupt flag kept.
 *
 * {@snippet :
 * try (UdpSocket socket = UdpSocket.connect("udp://localhost:5300")) {
 *     socket.setReceiveTimeout(Duration.ofSeconds(2));
 *     socket.send(query);
 *     byte[] answer = socket.receive();      // exactly the datagram the server sent
 * }
 * }
 */
public interface UdpSocket extends Closeable {

    /**
     * Connects with the default options; see {@link #connect(String, UdpOptions)}.
     *
     * @param uri the peer, {@code udp://host:port}
     * @return the connected socket; the caller closes it
     * @throws IllegalArgumentException if the URI is malformed or not {@code udp://}, before any I/O
     * @throws java.net.UnknownHostException if the host has no address
     * @throws IOException if the socket cannot be opened
     */
    static UdpSocket connect(String uri) throws IOException {
        return connect(uri, UdpOptions.defaults());
    }

    /**
     * Opens a UDP socket and connects it to a peer. UDP's connect sends nothing: it picks the
     * local address and port and makes the kernel drop datagrams from anyone else. A hostname is
     * looked up through {@link UdpOptions#resolver()} (by default Shuttle's DNS resolver, with the
     * hosts file and its cache), the addresses are sorted as for TCP (RFC 6724: usually IPv6
     * first) and the <em>first</em> one is taken: there is no happy-eyeballs race, since UDP has no
     * handshake that would tell a working address from a dead one. Give an IP literal to choose
     * the address family. {@code localhost} (and any name under it, such as {@code db.localhost})
     * is not looked up: it is {@link java.net.InetAddress#getLoopbackAddress()}, usually
     * {@code 127.0.0.1}, the address {@link UdpServer#listen(String) UdpServer.listen("udp://localhost:port")}
     * binds, so that a socket connected by that name reaches a server listening by that name.
     *
     * @param uri the peer, {@code udp://host:port}
     * @param options the options
     * @return the connected socket; the caller closes it
     * @throws IllegalArgumentException if the URI is malformed or not {@code udp://}, before any I/O
     * @throws java.net.UnknownHostException if the host has no address
     * @throws java.io.InterruptedIOException if interrupted while looking the host up
     * @throws IOException if the socket cannot be opened or connected, naming the URI and the
     *     kernel's reason, of the type the JDK threw (such as {@link java.net.BindException}
     *     "Permission denied" for a broadcast address, or {@link java.net.SocketException}
     *     "Network is unreachable")
     */
    static UdpSocket connect(String uri, UdpOptions options) throws IOException {
        return ConnectedUdpSocket.connect(uri, Objects.requireNonNull(options, "options"));
    }

    /**
     * Sends one datagram holding exactly {@code payload}; see {@link #send(byte[], int, int)}.
     *
     * @param payload the datagram's payload
     * @throws IllegalArgumentException as for {@link #send(byte[], int, int)}
     * @throws IOException as for {@link #send(byte[], int, int)}
     */
    default void send(byte[] payload) throws IOException {
        send(payload, 0, payload.length);
    }

    /**
     * Sends one datagram holding exactly these bytes. It returns once the kernel has the
     * datagram, which says nothing of its delivery.
     *
     * <p>An empty datagram cannot be sent on a connected socket: the JDK's connected
     * {@code DatagramChannel} silently skips a write of no bytes, so this method refuses it
     * rather than pretend. A {@link UdpServer} (an unconnected socket) sends empty datagrams.
     *
     * @param payload holds the payload
     * @param offset where it starts
     * @param length its size: 1 to {@value UdpOptions#MAX_IPV4_PAYLOAD} bytes to an IPv4 peer,
     *     1 to {@value UdpOptions#MAX_IPV6_PAYLOAD} to an IPv6 peer
     * @throws IllegalArgumentException before any I/O, if the payload is empty or larger than
     *     one datagram can carry
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} are outside the array
     * @throws java.net.PortUnreachableException if an earlier datagram was refused by the peer's
     *     host (nothing listens on that port)
     * @throws java.io.InterruptedIOException if the thread was interrupted; the socket is closed
     * @throws IOException if the socket is closed, or sending failed (such as a datagram too large
     *     for the path's MTU with fragmentation forbidden)
     */
    void send(byte[] payload, int offset, int length) throws IOException;

    /**
     * Waits for the next datagram from the peer and returns it.
     *
     * @return the datagram's payload, an array of exactly its size (empty for an empty datagram)
     * @throws java.net.SocketTimeoutException if the {@linkplain #setReceiveTimeout receive
     *     timeout} passed; the socket stays usable
     * @throws DatagramTooLargeException if the datagram was larger than
     *     {@link UdpOptions#maxDatagramSize()}; it is consumed, and the socket stays usable
     * @throws java.net.PortUnreachableException if the peer's host refused a datagram sent before
     *     (nothing listens on that port); the socket stays usable
     * @throws java.io.InterruptedIOException if the thread was interrupted; the socket is closed
     * @throws IOException if the socket is or gets closed, or receiving failed
     */
    byte[] receive() throws IOException;

    /**
     * Sets how long a receive waits before it throws {@link java.net.SocketTimeoutException}.
     *
     * @param timeout the longest wait, or {@link Duration#ZERO} to wait for ever (the default,
     *     unless {@link UdpOptions#receiveTimeout()} says otherwise); rounded up to whole
     *     milliseconds
     * @throws IllegalArgumentException if negative
     * @throws IOException if the socket is closed
     */
    void setReceiveTimeout(Duration timeout) throws IOException;

    /** {@return the current receive timeout, {@link Duration#ZERO} for none} */
    Duration receiveTimeout();

    /** {@return the peer's address, such as {@code udp://127.0.0.1:53}: always an IP address} */
    Endpoint remoteAddress();

    /** {@return this side's address, such as {@code udp://127.0.0.1:40512}} */
    Endpoint localAddress();

    /** {@return whether the socket is open} */
    boolean isOpen();

    /**
     * Closes the socket. Calling it again does nothing. A thread blocked in {@link #receive()}
     * gets an {@link IOException}.
     */
    @Override
    void close();

    /**
     * Gives access to what is underneath: the {@link java.nio.channels.DatagramChannel}.
     *
     * @param type the class wanted
     * @param <T> the type wanted
     * @return the object, or empty if this socket has nothing of that type
     */
    <T> Optional<T> unwrap(Class<T> type);
}
