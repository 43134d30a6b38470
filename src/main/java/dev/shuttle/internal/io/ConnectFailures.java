package dev.shuttle.internal.io;

import dev.shuttle.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the JDK's terse I/O exceptions into ones that name the endpoint, keeping their standard
 * type: {@code ConnectException: Connection to tcp://127.0.0.1:9 failed: Connection refused}.
 */
public final class ConnectFailures {
    private ConnectFailures() {}

    /**
     * Wraps a failed connect.
     *
     * @param endpoint where the connection was going
     * @param cause what the JDK threw
     * @return an exception of the same standard type whose message names the endpoint, caused by
     *     {@code cause}
     */
    public static IOException connectFailed(Endpoint endpoint, IOException cause) {
        return sameType(cause, "Connection to " + endpoint + " failed: " + reason(cause));
    }

    /**
     * Wraps a failed bind.
     *
     * @param endpoint where the server wanted to listen
     * @param cause what the JDK threw
     * @return an exception of the same standard type naming the endpoint
     */
    public static IOException listenFailed(Endpoint endpoint, IOException cause) {
        return sameType(cause, "Cannot listen on " + endpoint + ": " + reason(cause));
    }

    /**
     * Wraps a failed accept.
     *
     * @param endpoint the server's address
     * @param cause what the JDK threw
     * @return an exception of the same standard type naming the server
     */
    public static IOException acceptFailed(Endpoint endpoint, IOException cause) {
        return sameType(cause, "Accepting a connection on " + endpoint + " failed: " + reason(cause));
    }

    /**
     * {@return the exception for a connect aborted by an interrupt of the calling thread}
     *
     * @param endpoint where the connection was going
     * @param cause what the JDK threw, or {@code null}
     */
    public static InterruptedIOException interrupted(Endpoint endpoint, Throwable cause) {
        InterruptedIOException interrupted =
                new InterruptedIOException("Connection to " + endpoint + " was interrupted");
        if (cause != null) {
            interrupted.initCause(cause);
        }
        return interrupted;
    }

    /** {@return the cause's message, or its class name when it has none} */
    public static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /**
     * {@return a new exception of the same standard type as {@code sample}, with {@code message}
     * and no cause}
     *
     * @param sample the exception whose type to keep
     * @param message the message
     */
    public static IOException ofSameType(IOException sample, String message) {
        return switch (sample) {
            case SSLHandshakeException e -> new SSLHandshakeException(message);
            case SSLException e -> new SSLException(message);
            default -> newOfType(sample, message);
        };
    }

    private static IOException sameType(IOException cause, String message) {
        IOException wrapped = newOfType(cause, message);
        wrapped.initCause(cause);
        return wrapped;
    }

    private static IOException newOfType(IOException cause, String message) {
        return switch (cause) {
            case ConnectException e -> new ConnectException(message);
            case NoRouteToHostException e -> new NoRouteToHostException(message);
            case PortUnreachableException e -> new PortUnreachableException(message);
            case BindException e -> new BindException(message);
            case SocketException e -> new SocketException(message);
            case SocketTimeoutException e -> new SocketTimeoutException(message);
            case InterruptedIOException e -> new InterruptedIOException(message);
            case UnknownHostException e -> new UnknownHostException(message);
            default -> new IOException(message);
        };
    }
}
