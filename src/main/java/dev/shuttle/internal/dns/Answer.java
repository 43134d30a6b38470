package dev.shuttle.internal.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What the DNS said about one name and one family. Failures are values too, so that one answer
 * can be shared by every caller waiting for it, each getting an exception of its own.
 */
sealed interface Answer {

    /**
     * Addresses were found.
     *
     * @param addresses never empty, in the order of the answer
     * @param ttl how long the answer may be kept (the smallest TTL of its records)
     */
    record Found(List<InetAddress> addresses, Duration ttl) implements Answer {
        public Found {
            addresses = List.copyOf(addresses);
        }
    }

    /** The name exists but has no record of the family (NODATA). */
    record NoData() implements Answer {}

    /** The name does not exist (NXDOMAIN). */
    record NoSuchName() implements Answer {}

    /**
     * The lookup failed: no answer in time, a server failure, a malformed answer.
     *
     * @param reason what went wrong, a sentence fragment such as
     *     {@code "DNS server 127.0.0.1:53 answered SERVFAIL"}
     * @param timedOut whether no server answered in time
     * @param cause what dnsjava reported, or {@code null}
     */
    record Failed(String reason, boolean timedOut, Throwable cause) implements Answer {}
}
