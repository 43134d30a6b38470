package dev.shuttle.internal.tls;

import java.io.IOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Keeps BouncyCastle's types out of what users catch: a cause chain to hang under Shuttle's own
 * exception, in which every provider exception (and every exception that wraps one) is replaced by
 * a JDK type of the same kind, with the same words (the alert named as TLS names it), stack trace
 * and suppressed exceptions. Nothing is lost but the class names.
 */
public final class ProviderCauses {
    private static final String PROVIDER = "org.bouncycastle.";

    private ProviderCauses() {}

    /**
     * {@return the failure itself when no provider type is in it, else a copy of its chain free of
     * them}
     *
     * @param failure a failure to keep as a cause, or {@code null}
     */
    public static Throwable scrubbed(Throwable failure) {
        return failure == null || !mentionsProvider(failure, 0) ? failure : copy(failure, 0);
    }

    /**
     * {@return the I/O failure itself, or a copy of it free of provider types: what a read, a write
     * or a handshake may throw as it is}
     *
     * @param failure the failure
     */
    public static IOException scrubbedIo(IOException failure) {
        return (IOException) scrubbed(failure);
    }

    private static boolean mentionsProvider(Throwable failure, int depth) {
        if (failure == null || depth > 16) {
            return false;
        }
        if (failure.getClass().getName().startsWith(PROVIDER)
                || failure.getMessage() != null && failure.getMessage().contains(PROVIDER)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (mentionsProvider(suppressed, depth + 1)) {
                return true;
            }
        }
        return failure.getCause() != failure && mentionsProvider(failure.getCause(), depth + 1);
    }

    private static Throwable copy(Throwable failure, int depth) {
        if (failure == null || depth > 16) {
            return null;
        }
        Throwable copy = sameKind(failure, words(failure));
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause() == failure ? null : copy(failure.getCause(), depth + 1);
        if (cause != null) {
            copy.initCause(cause);
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable clean = copy(suppressed, depth + 1);
            if (clean != null) {
                copy.addSuppressed(clean);
            }
        }
        return copy;
    }

    /** The message without provider class names: {@code fatal alert received: certificate_unknown(46)}. */
    private static String words(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String type = failure.getClass().getName();
        if (type.startsWith(PROVIDER)) {
            String simple = failure.getClass().getSimpleName();
            String what = switch (simple) {
                case "TlsFatalAlertReceived" -> "fatal alert received";
                case "TlsFatalAlert" -> "fatal alert raised";
                case "TlsNoCloseNotifyException" -> "the stream ended without close_notify";
                default -> "TLS failure (" + simple + ")";
            };
            message = message.isEmpty() ? what : what + ": " + message;
        }
        return message.replaceAll("org\\.bouncycastle\\.[\\w.]*\\.(\\w+)", "$1");
    }

    /** An exception of the JDK type nearest to the failure's kind, with these words. */
    private static Throwable sameKind(Throwable failure, String words) {
        if (failure.getClass().getName().startsWith(PROVIDER)) {
            return new SSLException(words);
        }
        return switch (failure) {
            case SSLHandshakeException e -> new SSLHandshakeException(words);
            case SSLException e -> new SSLException(words);
            case java.io.EOFException e -> new java.io.EOFException(words);
            case java.net.SocketTimeoutException e -> new java.net.SocketTimeoutException(words);
            case java.io.InterruptedIOException e -> new java.io.InterruptedIOException(words);
            case java.net.SocketException e -> new java.net.SocketException(words);
            case IOException e -> new IOException(words);
            case IllegalStateException e -> new IllegalStateException(words);
            case RuntimeException e -> new RuntimeException(words);
            case Error e -> new Error(words);
            default -> new Exception(words);
        };
    }
}
