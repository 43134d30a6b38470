package dev.shuttle.internal.dns;

import java.net.StandardProtocolFamily;
import java.util.concurrent.CompletableFuture;

/** Asks DNS about one name and family: dnsjava in production, a scripted fake in tests. */
interface NameLookup {
    /**
     * Starts a lookup. Never blocks the calling thread and never runs the lookup on it, so an
     * interrupt of the caller cannot reach the DNS machinery.
     *
     * @param name a canonical hostname, relative (search domains apply) or ending in a dot
     * @param family {@code INET} or {@code INET6}
     * @return the answer; failures are {@link Answer.Failed} values, never exceptional completion
     */
    CompletableFuture<Answer> ask(String name, StandardProtocolFamily family);

    /**
     * Asks for the records of another type (HTTPS, SVCB) at a name, as {@link #ask} does.
     *
     * @param name a canonical name, ending in a dot or relative
     * @param type the record type
     * @return the records (CNAMEs followed), empty when there are none; fails with an
     *     {@link java.io.IOException} when the lookup failed. By default: none.
     */
    default CompletableFuture<java.util.List<org.xbill.DNS.Record>> askRecords(String name, int type) {
        return CompletableFuture.completedFuture(java.util.List.of());
    }

    /** {@return the nameservers asked, for messages: {@code "DNS server 127.0.0.1:53"}} */
    String servers();
}
