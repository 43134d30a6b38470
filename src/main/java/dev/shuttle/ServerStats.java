package dev.shuttle;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Server} has seen since it started: an immutable snapshot from
 * {@link Server#stats()}. The counts only grow; compare two snapshots for rates.
 *
 * <p>Failures are counted as they reach the {@linkplain ServerOptions#errorHandler() error
 * handler}: those clients cause as networks do, by {@link ClientFailure reason}, and the others
 * (a handler's exception, an accept error such as too many open files) in one count.
 *
 * @param accepted the connections accepted, by {@link Server#serve serve} or
 *     {@link Server#accept()}
 * @param active the connections handed to {@code serve} handlers (or readable calls) and not done
 *     with yet
 * @param clientFailures how many connections failed for each reason a client causes; a reason
 *     that never happened is absent
 * @param otherFailures how many other failures went to the error handler
 * @param tlsHandshakes how many TLS handshakes with clients completed (those that failed are
 *     counted by reason, as {@link ClientFailure#TLS_HANDSHAKE} or {@link ClientFailure#TIMEOUT})
 */
public record ServerStats(long accepted, int active, Map<ClientFailure, Long> clientFailures, long otherFailures,
        long tlsHandshakes) {

    /** The ways a client makes its connection fail, none of which the server's operator can fix. */
    public enum ClientFailure {
        /** The client reset the connection, or aborted it before it was accepted. */
        RESET,
        /** The client went away while the server was writing to it. */
        BROKEN_PIPE,
        /** A read or a TLS handshake timed out: the client stayed silent. */
        TIMEOUT,
        /**
         * The TLS handshake failed: garbage instead of a ClientHello, an early close, no protocol,
         * cipher suite or certificate in common.
         */
        TLS_HANDSHAKE,
        /** TLS failed after the handshake: an alert, a record that does not decrypt. */
        TLS,
        /** The client closed the connection in the middle of something (an end of stream). */
        END_OF_STREAM,
        /**
         * The server was at its connection limit and closed the connection at once
         * ({@link ConnectionLimit#rejecting}): expected under load, and set by the limit chosen.
         */
        OVER_LIMIT,
        /**
         * A server with {@link ServerOptions.Builder#proxyProtocol} refused the connection: it came
         * from an untrusted address, or its PROXY protocol header was missing, malformed or too
         * long. (A header that came too slowly counts as {@link #TIMEOUT}.)
         */
        PROXY_HEADER
    }

    /**
     * Creates a snapshot.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public ServerStats {
        Objects.requireNonNull(clientFailures, "clientFailures");
        if (accepted < 0 || active < 0 || otherFailures < 0 || tlsHandshakes < 0) {
            throw new IllegalArgumentException("counts must be zero or more, not accepted " + accepted
                    + ", active " + active + ", other failures " + otherFailures + ", TLS handshakes " + tlsHandshakes);
        }
        EnumMap<ClientFailure, Long> copy = new EnumMap<>(ClientFailure.class);
        copy.putAll(clientFailures);
        clientFailures = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Creates a snapshot of a server without TLS handshakes.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public ServerStats(long accepted, int active, Map<ClientFailure, Long> clientFailures, long otherFailures) {
        this(accepted, active, clientFailures, otherFailures, 0);
    }

    /** {@return how many connections clients made fail, for every reason} */
    public long clientFailuresTotal() {
        return clientFailures.values().stream().mapToLong(Long::longValue).sum();
    }
}
