package dev.shuttle.internal.race;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The one exception a failed race throws: of the most telling type among its attempts' failures,
 * its message naming the URI and the last error per family, every attempt's failure suppressed.
 */
final class RaceFailure {
    /** A failed attempt. */
    record Failed(InetSocketAddress address, IOException failure) {}

    private RaceFailure() {}

    /**
     * Builds the exception for a race in which no address was found.
     *
     * @param endpoint the endpoint asked for
     * @param ipv6Failure why AAAA failed, or {@code null} if it answered (with no address)
     * @param ipv4Failure why A failed, or {@code null} if it answered (with no address)
     */
    static IOException noAddress(Endpoint endpoint, IOException ipv6Failure, IOException ipv4Failure) {
        String prefix = "Connection to " + endpoint + " failed: ";
        UnknownHostException failure;
        if (ipv4Failure == null && ipv6Failure == null) {
            failure = new UnknownHostException(prefix + endpoint.host() + " has no A or AAAA records");
        } else {
            IOException first = ipv4Failure != null ? ipv4Failure : ipv6Failure;
            IOException other = first == ipv4Failure ? ipv6Failure : null;
            String reason = ConnectFailures.reason(first);
            if (other != null && !ConnectFailures.reason(other).equals(reason)) {
                reason += "; AAAA: " + ConnectFailures.reason(other);
            }
            failure = new UnknownHostException(prefix + reason);
        }
        for (IOException each : new IOException[] {ipv6Failure, ipv4Failure}) {
            if (each != null) {
                failure.addSuppressed(each);
            }
        }
        return failure;
    }

    /**
     * Builds the exception for a race whose every attempt failed.
     *
     * @param endpoint the endpoint asked for
     * @param attempts the failed attempts, in the order they failed; not empty
     */
    static IOException allFailed(Endpoint endpoint, List<Failed> attempts) {
        Failed lastIpv6 = null;
        Failed lastIpv4 = null;
        IOException mostTelling = attempts.getFirst().failure();
        for (Failed attempt : attempts) {
            if (attempt.address().getAddress() instanceof Inet6Address) {
                lastIpv6 = attempt;
            } else {
                lastIpv4 = attempt;
            }
            if (rank(attempt.failure()) < rank(mostTelling)) {
                mostTelling = attempt.failure();
            }
        }
        List<String> reasons = new ArrayList<>(2);
        for (Failed last : new Failed[] {lastIpv6, lastIpv4}) {
            if (last != null) {
                reasons.add(Endpoint.of(endpoint.scheme(), last.address()).toString().replaceFirst("^[a-z]+://", "")
                        + ": " + innermostReason(last.failure()));
            }
        }
        String message = attempts.size() == 1
                ? "Connection to " + endpoint + " failed: " + innermostReason(mostTelling)
                : "Connection to " + endpoint + " failed after " + attempts.size() + " attempts: " + String.join("; ", reasons);
        IOException failure = ConnectFailures.ofSameType(mostTelling, message);
        for (Failed attempt : attempts) {
            failure.addSuppressed(attempt.failure());
        }
        return failure;
    }

    /** The reason without the "Connection to ... failed:" that transports already put in front. */
    private static String innermostReason(IOException failure) {
        String reason = ConnectFailures.reason(failure);
        int failed = reason.indexOf(" failed: ");
        return reason.startsWith("Connection to ") && failed > 0 ? reason.substring(failed + " failed: ".length()) : reason;
    }

    /** Lower is more telling: a TLS failure says more than a refusal, which says more than silence. */
    private static int rank(IOException failure) {
        return switch (failure) {
            case SSLException e -> 0;
            case ConnectException e -> 1;
            case NoRouteToHostException e -> 2;
            case SocketTimeoutException e -> 3;
            case SocketException e -> 4;
            default -> 5;
        };
    }
}
