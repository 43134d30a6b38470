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

    /** {@return the nameservers asked, for messages: {@code "DNS server 127.0.0.1:53"}} */
    String servers();
}
