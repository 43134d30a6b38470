package dev.shuttle.internal.proxyprotocol;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.Scheme;
import dev.shuttle.internal.io.Timeouts;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The server side of the PROXY protocol: turns away an untrusted peer before reading a byte, then
 * reads the header under its own deadline (each read waits only for what is left of it, so a peer
 * sending a byte at a time cannot stretch it) and gives the header as the public
 * {@link ProxyHeader}. The connection's read timeout is put back afterwards.
 *
 * <p>When the setting makes the header optional, it first reads no more than a signature's length,
 * a read at a time, until the bytes either hold a whole signature (then it is a header, read on
 * from there) or cannot start one (then there is none, and the bytes are given back in front of
 * the connection's stream). A signature's start that stays incomplete till the deadline is too slow.
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
     * What a connection starts with: its header, if it sent one, and the connection to go on with.
     *
     * @param header the header, or {@code null} when an optional header was not sent
     * @param connection the connection positioned after the header, or at its first byte (the
     *     bytes looked at given back first) when there was none
     */
    public record Outcome(ProxyHeader header, Connection connection) {}

    /**
     * Reads the header of an accepted connection, or, when the setting makes it optional, finds
     * that there is none. Does not close the connection on failure.
     *
     * @param accepted the connection, positioned at its first byte
     * @return the header (or none) and the connection to go on with
     * @throws ConnectException if the peer is not a trusted source (nothing was read)
     * @throws ProtocolException if the header is malformed or too long
     * @throws SocketTimeoutException if the whole header did not arrive within the header timeout
     * @throws EOFException if the peer closed inside a required header
     * @throws IOException if reading failed
     */
    public Outcome accept(Connection accepted) throws IOException {
        Endpoint peer = trusted(accepted);
        Duration before = accepted.readTimeout();
        long deadline = nanoTime.getAsLong() + setting.headerTimeout().toNanos();
        byte[] start = new byte[ProxyHeaderParser.SIGNATURE_LENGTH];
        int have = 0;
        if (setting.headerOptional()) {
            // Ask for no more than a signature's length, and decide on whatever has arrived.
            while (have < start.length && ProxyHeaderParser.mayStartSignature(start, have)
                    && !ProxyHeaderParser.startsWithSignature(start, have)) {
                int n = timedRead(accepted, start, have, start.length - have, deadline, peer, true);
                if (n < 0) {
                    break;
                }
                have += n;
            }
            if (!ProxyHeaderParser.startsWithSignature(start, have)) {
                accepted.setReadTimeout(before);
                return new Outcome(null, new ReplayedConnection(accepted, Arrays.copyOf(start, have)));
            }
        }
        ProxyHeader header = readHeader(accepted, peer, start, have, deadline);
        accepted.setReadTimeout(before);
        return new Outcome(header, accepted);
    }

    /**
     * Reads the header of an accepted connection, required whatever the setting says. Does not
     * close the connection on failure.
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
        Endpoint peer = trusted(accepted);
        Duration before = accepted.readTimeout();
        long deadline = nanoTime.getAsLong() + setting.headerTimeout().toNanos();
        ProxyHeader header = readHeader(accepted, peer, new byte[0], 0, deadline);
        accepted.setReadTimeout(before);
        return header;
    }

    private Endpoint trusted(Connection accepted) throws ConnectException {
        Endpoint peer = accepted.remoteAddress();
        if (!setting.trusts(peer)) {
            throw new ConnectException("Connection from " + peer + " refused: it is not a trusted PROXY protocol source "
                    + setting.trustedSources());
        }
        return peer;
    }

    /** Reads the header whose first {@code have} bytes are already in {@code start}. */
    private ProxyHeader readHeader(Connection accepted, Endpoint peer, byte[] start, int have, long deadline)
            throws IOException {
        int[] given = {0};
        ParsedHeader parsed;
        try {
            parsed = ProxyHeaderParser.read((buffer, offset, length) -> {
                int done = Math.min(length, have - given[0]);
                System.arraycopy(start, given[0], buffer, offset, done);
                given[0] += done;
                while (done < length) {
                    int n = timedRead(accepted, buffer, offset + done, length - done, deadline, peer, false);
                    if (n < 0) {
                        throw new EOFException("Connection from " + peer + " closed inside its PROXY protocol header");
                    }
                    done += n;
                }
            }, ProxyProtocol.MAX_HEADER_LENGTH);
        } catch (ProtocolException e) {
            throw new ProtocolException("Connection from " + peer + " refused: " + e.getMessage());
        }
        Scheme scheme = peer.scheme() == Scheme.UNIX ? Scheme.TCP : peer.scheme();
        List<ProxyHeader.Tlv> tlvs = parsed.tlvs().stream().map(t -> new ProxyHeader.Tlv(t.type(), t.value())).toList();
        return new ProxyHeader(parsed.version(), endpoint(scheme, parsed.source()), endpoint(scheme, parsed.destination()),
                peer, tlvs);
    }

    /**
     * One read that waits only for what is left of the header deadline.
     *
     * @param looking whether the reader is still finding out if a header comes (for the message)
     * @return the bytes read, at least 1, or -1 at the end of the stream
     * @throws SocketTimeoutException when the deadline passes first
     */
    private int timedRead(Connection accepted, byte[] buffer, int offset, int length, long deadline, Endpoint peer,
            boolean looking) throws IOException {
        long left = deadline - nanoTime.getAsLong();
        if (left <= 0) {
            throw slow(peer, looking);
        }
        accepted.setReadTimeout(Duration.ofMillis(Math.max(1, (left + 999_999) / 1_000_000)));
        try {
            return accepted.input().read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw slow(peer, looking);
        }
    }

    private SocketTimeoutException slow(Endpoint peer, boolean looking) {
        if (looking) {
            return new SocketTimeoutException("Connection from " + peer + " sent neither a PROXY protocol header nor"
                    + " bytes that cannot start one within " + Timeouts.seconds(setting.headerTimeout()));
        }
        return new SocketTimeoutException("Connection from " + peer + " sent no complete PROXY protocol header within "
                + Timeouts.seconds(setting.headerTimeout()));
    }

    private static Endpoint endpoint(Scheme scheme, InetSocketAddress address) {
        return address == null ? null : Endpoint.of(scheme, address);
    }
}
