package dev.shuttle.internal.dns;

import java.net.StandardProtocolFamily;

/**
 * Sees every query a DNS resolver sends and its answer; cache hits send nothing. This is where
 * the public lookup listener will plug in: each call runs on the thread that sent or completed
 * the query and must not block.
 */
interface LookupObserver {
    /** Observes nothing. */
    LookupObserver NONE = new LookupObserver() {};

    /**
     * A query was sent.
     *
     * @param name the canonical name asked about
     * @param family the family asked for
     */
    default void querySent(String name, StandardProtocolFamily family) {}

    /**
     * A query was answered, or failed.
     *
     * @param name the canonical name asked about
     * @param family the family asked for
     * @param answer the addresses, a negative answer, or the failure
     * @param nanos how long the query took
     */
    default void answerReceived(String name, StandardProtocolFamily family, Answer answer, long nanos) {}
}
