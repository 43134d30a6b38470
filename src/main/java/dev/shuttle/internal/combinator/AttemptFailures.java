package dev.shuttle.internal.combinator;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * Turns the failures of several attempts at one URI into the one exception a caller sees: the most
 * telling failure's type and reason, a message naming the URI, and every attempt's failure attached
 * as suppressed.
 *
 * <p>Most telling, best first: an I/O error saying what the peer or network did (refused, no
 * route, unknown host, a TLS alert); a timeout; another interruption; a runtime exception (such as
 * a connector that cannot handle the scheme). Ties go to the attempt that failed first.
 */
public final class AttemptFailures {
    private AttemptFailures() {}

    /**
     * Combines the failures of every attempt. A single failure is returned unchanged. An
     * {@link Error} or, when nothing better failed, a {@link RuntimeException} is thrown rather
     * than returned, with the other failures suppressed.
     *
     * @param endpoint the URI every attempt went to
     * @param failures each attempt's failure, in the order they failed; not empty
     * @return the exception to throw: the most telling failure's type, a message naming the URI
     * @throws RuntimeException the most telling failure, when it is unchecked
     * @throws IllegalArgumentException if {@code failures} is empty
     */
    public static IOException combine(Endpoint endpoint, List<Throwable> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("no failures to combine for " + endpoint);
        }
        Throwable best = failures.getFirst();
        for (Throwable failure : failures) {
            if (rank(failure) > rank(best)) {
                best = failure;
            }
        }
        if (failures.size() == 1 && best instanceof IOException single) {
            return single;
        }
        switch (best) {
            case Error error -> throw suppressOthers(error, failures);
            case RuntimeException runtime -> throw suppressOthers(runtime, failures);
            default -> {
                String reason = ConnectFailures.reason(best);
                String message = reason.contains(endpoint.toString())
                        ? reason
                        : "Connection to " + endpoint + " failed: " + reason;
                IOException combined = best instanceof IOException io
                        ? ConnectFailures.ofSameType(io, message)
                        : new IOException(message, best);
                failures.forEach(combined::addSuppressed);
                return combined;
            }
        }
    }

    private static int rank(Throwable failure) {
        return switch (failure) {
            case Error e -> 6;
            case SocketTimeoutException e -> 4;
            case InterruptedIOException e -> 3;
            case IOException e -> 5;
            case RuntimeException e -> 2;
            default -> 1;
        };
    }

    private static <T extends Throwable> T suppressOthers(T chosen, List<Throwable> failures) {
        for (Throwable failure : failures) {
            if (failure != chosen) {
                chosen.addSuppressed(failure);
            }
        }
        return chosen;
    }
}
