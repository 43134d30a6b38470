package dev.shuttle.internal.jfr;

import dev.shuttle.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JDK Flight Recorder events of failures, each with a reason to count them by: a connect that
 * failed ({@code dev.shuttle.ConnectFailure}: TCP, TLS, Unix, and UDP, whose refusal is an ICMP
 * port unreachable met by a later send or receive) and a client a server failed to serve
 * ({@code dev.shuttle.ClientFailure}, the reasons of {@code ServerStats.ClientFailure}, or
 * {@code OTHER}; a UDP server's, {@code TOO_LARGE}, {@code TIMEOUT} or {@code OTHER}). Each costs
 * a flag check when no recording runs.
 */
public final class FailureRecording {
    private FailureRecording() {}

    /**
     * Records a connect that failed.
     *
     * @param uri where the connect went
     * @param failure what it threw
     */
    public static void connectFailed(Object uri, IOException failure) {
        if (!FlightRecorder.AVAILABLE) {
            return; // jdk.jfr is not in this runtime
        }
        ConnectFailure event = new ConnectFailure();
        if (event.isEnabled()) {
            event.uri = String.valueOf(uri);
            event.reason = reason(failure);
            event.failure = String.valueOf(failure.getMessage());
            event.commit();
        }
    }

    /**
     * Records a client connection a server failed to serve, or a handler's failure.
     *
     * @param server the server's address
     * @param reason the {@code ServerStats.ClientFailure} name, or {@code OTHER}
     * @param failure what was reported
     */
    public static void clientFailed(Endpoint server, String reason, Throwable failure) {
        if (!FlightRecorder.AVAILABLE) {
            return; // jdk.jfr is not in this runtime
        }
        ClientFailure event = new ClientFailure();
        if (event.isEnabled()) {
            event.server = server.toString();
            event.reason = reason;
            event.failure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            event.commit();
        }
    }

    /**
     * {@return why a connect or an attempt failed, in one word to count by}: {@code REFUSED},
     * {@code TIMEOUT}, {@code UNKNOWN_HOST}, {@code NO_ROUTE}, {@code RESET}, {@code TLS_HANDSHAKE},
     * {@code TLS}, {@code INTERRUPTED} or {@code OTHER}
     *
     * @param failure what the connect threw
     */
    public static String reason(IOException failure) {
        String message = String.valueOf(failure.getMessage());
        return switch (failure) {
            case PortUnreachableException e -> "REFUSED"; // ICMP port unreachable: UDP's refusal
            case SocketTimeoutException e -> "TIMEOUT";
            case InterruptedIOException e -> "INTERRUPTED";
            case UnknownHostException e -> "UNKNOWN_HOST";
            case NoRouteToHostException e -> "NO_ROUTE";
            case SSLHandshakeException e -> "TLS_HANDSHAKE";
            case SSLException e -> "TLS";
            case ConnectException e when message.contains("refused") -> "REFUSED";
            case ConnectException e when message.contains("timed out") -> "TIMEOUT";
            case IOException e when message.contains("Connection reset") -> "RESET";
            case IOException e when message.contains("unreachable") -> "NO_ROUTE";
            default -> "OTHER";
        };
    }

    @Name("dev.shuttle.ConnectFailure")
    @Label("Connect Failure")
    @Category({"Shuttle", "Connect"})
    @Description("A connect that failed, with the reason to count it by (for UDP, also a datagram refused with ICMP port unreachable)")
    @StackTrace(false)
    static final class ConnectFailure extends Event {
        @Label("URI")
        String uri;

        @Label("Reason")
        @Description("REFUSED, TIMEOUT, UNKNOWN_HOST, NO_ROUTE, RESET, TLS_HANDSHAKE, TLS, INTERRUPTED or OTHER")
        String reason;

        @Label("Failure")
        String failure;
    }

    @Name("dev.shuttle.ClientFailure")
    @Label("Client Failure")
    @Category({"Shuttle", "Server"})
    @Description("A client connection a server failed to accept, set up or serve, with the reason to count it by")
    @StackTrace(false)
    static final class ClientFailure extends Event {
        @Label("Server")
        String server;

        @Label("Reason")
        @Description("RESET, BROKEN_PIPE, TIMEOUT, TLS_HANDSHAKE, TLS, END_OF_STREAM, OVER_LIMIT, PROXY_HEADER, TOO_LARGE (a datagram, UDP) or OTHER (a handler's bug, too many open files)")
        String reason;

        @Label("Failure")
        String failure;
    }
}
