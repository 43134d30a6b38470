package dev.shuttle.internal.proxyprotocol;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.Scheme;
import dev.shuttle.internal.io.Timeouts;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The server side of the PROXY protocol: turns away an untrusted peer before reading a byte, then
 * reads the header under its own deadline (each read waits only for what is left of it, so a peer
 * sending a byte at a time cannot stretch it) and gives the header as the public
 * {@link ProxyHeader}. The connection's read timeout is put back afterwards.
 */
public final class ProxyHeaderReader {
    private final ProxyProtocol setting;
    private final LongSupplier nanoTime;

    /**
     * Creates the reader.
     *
     * @param setting the server's setting
     * @param nanoTime the clock of the header deadline, {@code System::nanoTime} outside tests
     */
    public ProxyHeaderReader(ProxyProtocol setting, LongSupplier nanoTime) {
        this.setting = Objects.requireNonNull(setting, "setting");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Creates the reader on the system clock. */
    public ProxyHeaderReader(ProxyProtocol setting) {
        this(setting, System::nanoTime);
    }

    /**
     * Reads the header of an accepted connection. Does not close the connection on failure.
     *
     * @param accepted the connection, positioned at its first byte
     * @return the header, with the connection's own remote address as the proxy
     * @throws ConnectException if the peer is not a trusted source (nothing was read)
     * @throws ProtocolException if the header is malformed or too long
     * @throws SocketTimeoutException if the whole header did not arrive within the header timeout
     * @throws EOFException if the peer closed inside the header
     * @throws IOException if reading failed
     */
    public ProxyHeader read(Connection accepted) throws IOException {
        Endpoint peer = accepted.remoteAddress();
        if (!setting.trusts(peer)) {
            throw new ConnectException("Connection from " + peer + " refused: it is not a trusted PROXY protocol source "
                    + setting.trustedSources());
        }
        Duration before = accepted.readTimeout();
        long deadline = nanoTime.getAsLong() + setting.headerTimeout().toNanos();
        InputStream input = accepted.input();
        ParsedHeader parsed;
        try {
            parsed = ProxyHeaderParser.read((buffer, offset, length) -> {
                int done = 0;
                while (done < length) {
                    long left = deadline - nanoTime.getAsLong();
                    if (left <= 0) {
                        throw slow(peer);
                    }
                    accepted.setReadTimeout(Duration.ofMillis(Math.max(1, (left + 999_999) / 1_000_000)));
                    int n;
                    try {
                        n = input.read(buffer, offset + done, length - done);
                    } catch (SocketTimeoutException e) {
                        throw slow(peer);
                    }
                    if (n < 0) {
                        throw new EOFException("Connection from " + peer + " closed inside its PROXY protocol header");
                    }
                    done += n;
                }
            }, ProxyProtocol.MAX_HEADER_LENGTH);
        } catch (ProtocolException e) {
            throw new ProtocolException("Connection from " + peer + " refused: " + e.getMessage());
        }
        accepted.setReadTimeout(before);
        Scheme scheme = peer.scheme() == Scheme.UNIX ? Scheme.TCP : peer.scheme();
        List<ProxyHeader.Tlv> tlvs = parsed.tlvs().stream().map(t -> new ProxyHeader.Tlv(t.type(), t.value())).toList();
        return new ProxyHeader(parsed.version(), endpoint(scheme, parsed.source()), endpoint(scheme, parsed.destination()),
                peer, tlvs);
    }

    private SocketTimeoutException slow(Endpoint peer) {
        return new SocketTimeoutException("Connection from " + peer + " sent no complete PROXY protocol header within "
                + Timeouts.seconds(setting.headerTimeout()));
    }

    private static Endpoint endpoint(Scheme scheme, InetSocketAddress address) {
        return address == null ? null : Endpoint.of(scheme, address);
    }
}
