package dev.shuttle.internal.server.serve;

import dev.shuttle.ServerStats;
import dev.shuttle.ServerStats.ClientFailure;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a server counts for {@link ServerStats}: connections accepted, and failures by reason
 * (those {@link ClientFailures} recognises as clients' doing, and the others). Cheap to count
 * from many threads at once; a snapshot reads a few adders.
 */
final class ServerCounters {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder[] clientFailures = new LongAdder[ClientFailure.values().length];
    private final LongAdder otherFailures = new LongAdder();

    ServerCounters() {
        for (int i = 0; i < clientFailures.length; i++) {
            clientFailures[i] = new LongAdder();
        }
    }

    /** Counts one accepted connection. */
    void accepted() {
        accepted.increment();
    }

    /**
     * Counts one failure.
     *
     * @param failure the client's reason, or {@code null} for a failure that is not a client's
     */
    void failed(ClientFailure failure) {
        if (failure == null) {
            otherFailures.increment();
        } else {
            clientFailures[failure.ordinal()].increment();
        }
    }

    /**
     * {@return a snapshot}
     *
     * @param active the connections being served now
     * @param tlsHandshakes the TLS handshakes completed so far
     */
    ServerStats snapshot(int active, long tlsHandshakes) {
        Map<ClientFailure, Long> failures = new EnumMap<>(ClientFailure.class);
        for (ClientFailure failure : ClientFailure.values()) {
            long count = clientFailures[failure.ordinal()].sum();
            if (count > 0) {
                failures.put(failure, count);
            }
        }
        return new ServerStats(accepted.sum(), active, failures, otherFailures.sum(), tlsHandshakes);
    }
}
