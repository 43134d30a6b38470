package dev.shuttle.internal.server.serve;

import dev.shuttle.ServerStats.ClientFailure;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The default error handler of a server: quiet about what clients do, loud about the rest, and
 * unable to fail.
 *
 * <p>A {@linkplain ClientFailures client's failure} (a reset, a timeout, a failed TLS handshake) is
 * one line at {@code DEBUG}, without a stack trace; at {@code INFO}, the first one is told, then a
 * summary with the counts by reason at most once every {@value #SUMMARY_EVERY_SECONDS} seconds, so
 * a port scanner or a flaky network costs a line a minute. Every other failure is logged at
 * {@code WARNING} with its stack trace.
 *
 * <p>Logging must not fail where the server needs it most, such as out of file descriptors in a
 * process that never logged before (the formatter cannot load the time-zone rules then, and
 * stays broken): {@link #prepare} loads what logging needs while the server starts, and a logging
 * call that throws anything falls back to one plain line on {@code System.err}.
 */
public final class ServerErrorLog implements Consumer<Throwable> {
    /** How often, at most, the expected failures are summarised at {@code INFO}. */
    static final long SUMMARY_EVERY_SECONDS = 60;
    private static final Logger LOG = System.getLogger("dev.shuttle.server");
    /** The handler {@code ServerOptions} defaults to; each server uses an instance of its own. */
    public static final ServerErrorLog DEFAULT = new ServerErrorLog(LOG, "Shuttle server", System::nanoTime);

    /** Whether {@link #prepare} succeeded once: what it loads stays loaded for the process. */
    private static volatile boolean prepared;

    private final Logger log;
    private final String prefix;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ClientFailure, Long> sinceSummary = new EnumMap<>(ClientFailure.class);
    private boolean toldOnce;
    private long lastSummary;

    ServerErrorLog(Logger log, String prefix, LongSupplier nanoTime) {
        this.log = log;
        this.prefix = prefix;
        this.nanoTime = nanoTime;
    }

    /**
     * {@return the default handler of one server, prepared}
     *
     * @param server the server's address, for the log lines
     */
    public static ServerErrorLog forServer(Object server) {
        prepareLogging();
        return new ServerErrorLog(LOG, "Shuttle server " + server, System::nanoTime);
    }

    /** Prepares what the default handler needs to log (see {@link #prepare}), once per process. */
    public static void prepareLogging() {
        prepare(LOG);
    }

    /**
     * Loads what logging a line needs, while the process can still open files: the logging
     * configuration and handlers, the time-zone rules and date formatting a formatter uses.
     * Nothing here may fail a server's start.
     */
    static void prepare(Logger log) {
        if (prepared) {
            return;
        }
        try {
            log.isLoggable(Level.WARNING);
            java.util.logging.Logger.getLogger("").getHandlers();
            ZoneId.systemDefault().getRules();
            String.format("%1$tc %1$tb %1$td %1$tY %1$tl:%1$tM:%1$tS %1$Tp", ZonedDateTime.now());
            prepared = true;
        } catch (Throwable e) {
            // What could not be prepared now fails at the first log line, and falls back then.
        }
    }

    @Override
    public void accept(Throwable error) {
        try {
            ClientFailure failure = ClientFailures.of(error);
            if (failure == null) {
                log.log(Level.WARNING, prefix + " error: " + error, error);
            } else {
                clientFailed(failure, error);
            }
        } catch (Throwable loggingFailed) {
            fallBack(error, loggingFailed);
        }
    }

    private void clientFailed(ClientFailure failure, Throwable error) {
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, prefix + ": a client failed (" + ClientFailures.label(failure) + "): " + error);
        }
        String summary = summary(failure, error);
        if (summary != null) {
            log.log(Level.INFO, summary);
        }
    }

    /** Counts the failure; {@return the summary to log now, if one is due} */
    private String summary(ClientFailure failure, Throwable error) {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            if (!toldOnce) {
                toldOnce = true;
                lastSummary = now;
                return prefix + ": a client failed as networks do (" + ClientFailures.label(failure) + "): " + error
                        + ". Such failures are logged one by one at DEBUG only, and counted here at most once a minute";
            }
            sinceSummary.merge(failure, 1L, Long::sum);
            long elapsed = now - lastSummary;
            if (elapsed < SUMMARY_EVERY_SECONDS * 1_000_000_000L) {
                return null;
            }
            long total = 0;
            StringJoiner counts = new StringJoiner(", ", " (", ")");
            for (Map.Entry<ClientFailure, Long> entry : sinceSummary.entrySet()) {
                total += entry.getValue();
                counts.add(ClientFailures.label(entry.getKey()) + " " + entry.getValue());
            }
            sinceSummary.clear();
            lastSummary = now;
            return prefix + ": " + total + (total == 1 ? " client" : " clients") + " failed as networks do in the last "
                    + elapsed / 1_000_000_000L + " s" + counts + "; the last: " + error;
        } finally {
            lock.unlock();
        }
    }

    private void fallBack(Throwable error, Throwable loggingFailed) {
        try {
            System.err.println(prefix + " error: " + error + " (logging it failed: " + loggingFailed + ")");
        } catch (Throwable ignored) {
            // Nowhere left to say it.
        }
    }
}
