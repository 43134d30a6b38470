package dev.shuttle.internal.dns;

import dev.shuttle.internal.io.Timeouts;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * Turns answers into results and exceptions whose messages say what happened:
 * {@code Cannot resolve nx.example: no such name (NXDOMAIN)}. A new exception per caller, since
 * one answer may be shared by several.
 */
final class LookupFailures {
    private LookupFailures() {}

    /**
     * {@return the addresses of an answer: the found ones, or none for NODATA}
     *
     * @param host the host as the caller gave it
     * @param cached whether the answer came from the cache, said in the message
     * @throws UnknownHostException for NXDOMAIN or a failure
     */
    static List<InetAddress> addresses(String host, StandardProtocolFamily family, Answer answer, boolean cached,
            String servers, Duration timeout) throws UnknownHostException {
        return switch (answer) {
            case Answer.Found found -> found.addresses();
            case Answer.NoData noData -> List.of();
            case Answer.NoSuchName noSuchName -> throw noSuchName(host, cached);
            case Answer.Failed failed when failed.timedOut() -> throw timedOut(host, family, servers, timeout);
            case Answer.Failed failed -> throw failed(host, failed);
        };
    }

    static UnknownHostException noSuchName(String host, boolean cached) {
        return new UnknownHostException("Cannot resolve " + host + ": no such name (NXDOMAIN" + (cached ? ", cached" : "") + ")");
    }

    static UnknownHostException noAddresses(String host) {
        return new UnknownHostException("Cannot resolve " + host + ": the name exists but has no A or AAAA records");
    }

    static UnknownHostException failed(String host, Answer.Failed failed) {
        UnknownHostException exception = new UnknownHostException("Cannot resolve " + host + ": " + failed.reason());
        if (failed.cause() != null) {
            exception.initCause(failed.cause());
        }
        return exception;
    }

    /** {@return the failure for a lookup that got no answer in time} with a {@link SocketTimeoutException} cause */
    static UnknownHostException timedOut(String host, StandardProtocolFamily family, String servers, Duration timeout) {
        String message = "Cannot resolve " + host + ": " + servers + " did not answer the "
                + Families.recordName(family) + " query within " + format(timeout);
        UnknownHostException exception = new UnknownHostException(message);
        exception.initCause(new SocketTimeoutException(message));
        return exception;
    }

    static InterruptedIOException interrupted(String host, InterruptedException cause) {
        InterruptedIOException interrupted = new InterruptedIOException("Lookup of " + host + " was interrupted");
        interrupted.initCause(cause);
        return interrupted;
    }

    /** {@return "300 ms", "5 s" or "1500 ms"} */
    static String format(Duration duration) {
        long millis = Math.max(1, Timeouts.nanos(duration) / 1_000_000);
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
