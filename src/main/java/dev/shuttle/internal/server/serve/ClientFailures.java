package dev.shuttle.internal.server.serve;

import dev.shuttle.ServerStats.ClientFailure;
import dev.shuttle.internal.server.admit.LimitRejection;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Tells the failures a client causes as networks do (see {@link ClientFailure}) from the others
 * (a handler's bug, too many open files), which a server counts apart and logs louder.
 */
public final class ClientFailures {
    /** How deep a cause chain is searched. */
    private static final int MAX_DEPTH = 8;

    private ClientFailures() {}

    /**
     * {@return how the client made the connection fail, or {@code null} if the error is not one of
     * these}
     *
     * @param error what an accept, a handshake or a handler threw
     */
    public static ClientFailure of(Throwable error) {
        if (!(error instanceof IOException)) {
            return null; // a handler's RuntimeException is a bug, not the network
        }
        if (error instanceof LimitRejection) {
            return ClientFailure.OVER_LIMIT;
        }
        if ((error instanceof ProtocolException || error instanceof ConnectException)
                && String.valueOf(error.getMessage()).contains("PROXY")) {
            return ClientFailure.PROXY_HEADER; // the wording of ProxyHeaderReader's refusals
        }
        if (error instanceof SocketTimeoutException) {
            return ClientFailure.TIMEOUT;
        }
        if (error instanceof SSLHandshakeException) {
            return ClientFailure.TLS_HANDSHAKE;
        }
        if (error instanceof SSLException) {
            return ClientFailure.TLS;
        }
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Connection reset") || message.contains("connection abort")) {
                return ClientFailure.RESET;
            }
            if (message.contains("Broken pipe")) {
                return ClientFailure.BROKEN_PIPE;
            }
            if (cause instanceof EOFException) {
                return ClientFailure.END_OF_STREAM;
            }
        }
        return null;
    }

    /** {@return a few words naming the failure, for a log line} */
    static String label(ClientFailure failure) {
        return switch (failure) {
            case RESET -> "connection reset";
            case BROKEN_PIPE -> "broken pipe";
            case TIMEOUT -> "timed out";
            case TLS_HANDSHAKE -> "TLS handshake failed";
            case TLS -> "TLS failed";
            case END_OF_STREAM -> "closed early";
            case OVER_LIMIT -> "over the connection limit";
            case PROXY_HEADER -> "PROXY header refused";
        };
    }
}
