package dev.shuttle.internal.udp;

import dev.shuttle.udp.DatagramTooLargeException;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.udp.UdpOptions;
import dev.shuttle.udp.UdpSocket;
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.race.OneAddress;
import dev.shuttle.internal.jfr.FailureRecording;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link UdpSocket}: a blocking {@link DatagramChannel} connected to one address, so that the
 * kernel filters senders and reports ICMP port unreachable as {@link java.net.PortUnreachableException}.
 */
public final class ConnectedUdpSocket implements UdpSocket {
    private final DatagramChannel channel;
    private final Endpoint remote;
    private final Endpoint local;
    private final InetAddress remoteAddress;
    private final DatagramReceiver receiver;

    private ConnectedUdpSocket(DatagramChannel channel, Endpoint remote, InetAddress remoteAddress, int maxDatagramSize)
            throws IOException {
        this.channel = channel;
        this.remote = remote;
        this.remoteAddress = remoteAddress;
        this.local = Endpoint.of(Scheme.UDP, (InetSocketAddress) channel.getLocalAddress());
        this.receiver = new DatagramReceiver(channel, maxDatagramSize);
    }

    /**
     * Resolves the URI's host, takes the first sorted address, opens a channel and connects it.
     * {@code localhost} and names under it are {@link InetAddress#getLoopbackAddress()}, the address
     * {@code UdpServer.listen("udp://localhost:port")} binds: a resolver answers {@code [::1,
     * 127.0.0.1]} and RFC 6724 puts {@code ::1} first, where no server listening on {@code localhost}
     * would be.
     *
     * @param uri {@code udp://host:port}
     * @param options the options
     * @return the connected socket
     * @throws java.net.UnknownHostException if the host has no address, naming the URI
     * @throws IOException if the socket cannot be opened (recorded as a JFR
     *     {@code dev.shuttle.ConnectFailure}, as a TCP connect's failure is)
     */
    public static UdpSocket connect(String uri, UdpOptions options) throws IOException {
        Endpoint requested = Endpoint.parse(uri);
        if (requested.scheme() != Scheme.UDP) {
            throw new IllegalArgumentException("UdpSocket connects to udp:// URIs, not " + requested
                    + " (write udp://" + requested.toString().replaceFirst("^[a-z]+://", "") + ")");
        }
        try {
            return connect(requested, options);
        } catch (IOException e) {
            FailureRecording.connectFailed(requested, e);
            throw e;
        }
    }

    private static UdpSocket connect(Endpoint requested, UdpOptions options) throws IOException {
        InetAddress address = OneAddress.of(requested, options.resolver(), "Connecting a UDP socket to");
        InetSocketAddress target = new InetSocketAddress(address, requested.port());
        Endpoint remote = Endpoint.of(Scheme.UDP, target);
        DatagramChannel channel = DatagramChannel.open(
                address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            if (options.receiveBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            if (options.sendBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
            }
            channel.connect(target);
            ConnectedUdpSocket socket = new ConnectedUdpSocket(channel, remote, address, options.maxDatagramSize());
            socket.setReceiveTimeout(options.receiveTimeout());
            return socket;
        } catch (IOException | RuntimeException | Error e) {
            // Whether the failure closed the channel (an interrupt does), before closing it here.
            boolean closedByFailure = !channel.isOpen();
            channel.close();
            if (e instanceof IOException io) {
                String shown = requested.equals(remote) ? remote.toString() : requested + " (" + remote.host() + ")";
                throw UdpFailures.of(io, "Connecting a UDP socket to " + shown, remote, remote, closedByFailure);
            }
            throw e;
        }
    }


    @Override
    public void send(byte[] payload, int offset, int length) throws IOException {
        Objects.requireNonNull(payload, "payload");
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (length == 0) {
            throw new IllegalArgumentException("An empty datagram cannot be sent to " + remote
                    + " on a connected UDP socket: the JDK's connected DatagramChannel skips empty writes;"
                    + " send it from a UdpServer, which is not connected");
        }
        DatagramSizes.check(remote, remoteAddress, length);
        try {
            channel.write(ByteBuffer.wrap(payload, offset, length));
        } catch (IOException e) {
            throw failed(e, "Sending to " + remote);
        }
    }

    @Override
    public byte[] receive() throws IOException {
        String action = "Receiving from " + remote;
        try {
            return receiver.receive(local.toString()).payload();
        } catch (SocketTimeoutException e) {
            SocketTimeoutException timedOut = new SocketTimeoutException(action + " timed out after "
                    + Timeouts.millis("receive timeout", receiver.timeout()) + " ms");
            timedOut.initCause(e);
            throw timedOut;
        } catch (DatagramTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw failed(e, action);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw UdpFailures.interrupted(action, e);
        }
    }

    /**
     * {@return what a send or receive throws for {@code e}} ICMP port unreachable, UDP's only sign
     * that nothing listens at the peer, is recorded as a refused connect (JFR
     * {@code dev.shuttle.ConnectFailure}), as a TCP connect refused is.
     */
    private IOException failed(IOException e, String action) {
        IOException translated = UdpFailures.of(e, action, local, remote, !channel.isOpen());
        if (translated instanceof PortUnreachableException) {
            FailureRecording.connectFailed(remote, translated);
        }
        return translated;
    }

    @Override
    public void setReceiveTimeout(Duration timeout) throws IOException {
        try {
            receiver.timeout(timeout);
        } catch (IOException e) {
            throw UdpFailures.of(e, "Setting the receive timeout of " + local, local, remote, !channel.isOpen());
        }
    }

    @Override
    public Duration receiveTimeout() {
        return receiver.timeout();
    }

    @Override
    public Endpoint remoteAddress() {
        return remote;
    }

    @Override
    public Endpoint localAddress() {
        return local;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a datagram channel releases its descriptor even when close reports an error.
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(channel) ? Optional.of(type.cast(channel)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "UdpSocket[" + local + " -> " + remote + (isOpen() ? "" : ", closed") + "]";
    }
}
