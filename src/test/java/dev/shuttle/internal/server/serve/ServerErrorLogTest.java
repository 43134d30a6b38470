package dev.shuttle.internal.server.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ServerStats.ClientFailure;
import dev.shuttle.internal.server.admit.LimitRejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The default server error handler: quiet about clients, loud about bugs, and never failing. */
class ServerErrorLogTest {

    /** Records what is logged: level, message, whether with a stack trace; or throws what it is given. */
    static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();
        Error failWith;

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (failWith != null) {
                throw failWith;
            }
            lines.add(level + " " + message + (thrown == null ? "" : " +trace"));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, format, (Throwable) null);
        }

        List<String> at(Level level) {
            return lines.stream().filter(line -> line.startsWith(level.name() + " ")).toList();
        }
    }

    @Test
    void clientFailuresAreOneDebugLineEachAndAnInfoSummaryAtMostOnceAMinute() {
        RecordingLogger logger = new RecordingLogger();
        AtomicLong now = new AtomicLong();
        ServerErrorLog log = new ServerErrorLog(logger, "Shuttle server tcp://127.0.0.1:80", now::get);
        for (int i = 0; i < 100; i++) {
            log.accept(new SocketException("Connection reset"));
            log.accept(new SSLHandshakeException("TLS handshake with client tls://127.0.0.1:5 failed: garbage"));
            log.accept(new SocketTimeoutException("Read timed out"));
            now.addAndGet(TimeUnit.SECONDS.toNanos(1)); // 100 s in all
        }
        assertEquals(300, logger.at(Level.DEBUG).size());
        assertTrue(logger.at(Level.DEBUG).getFirst().contains("(connection reset): java.net.SocketException: Connection reset"),
                logger.at(Level.DEBUG).getFirst());
        List<String> info = logger.at(Level.INFO);
        assertEquals(2, info.size(), info.toString()); // the first failure, then one summary after a minute
        assertTrue(info.get(0).contains("a client failed as networks do (connection reset)"), info.get(0));
        assertTrue(info.get(1).contains("180 clients failed as networks do in the last 60 s"
                + " (connection reset 60, timed out 60, TLS handshake failed 60)"), info.get(1));
        assertEquals(List.of(), logger.at(Level.WARNING));
    }

    @Test
    void otherFailuresAreWarningsWithTheirStackTrace() {
        RecordingLogger logger = new RecordingLogger();
        ServerErrorLog log = new ServerErrorLog(logger, "Shuttle server tcp://127.0.0.1:80", System::nanoTime);
        log.accept(new IllegalStateException("a handler's bug"));
        log.accept(new SocketException("Too many open files"));
        log.accept(new IOException("disk full"));
        assertEquals(List.of(
                "WARNING Shuttle server tcp://127.0.0.1:80 error: java.lang.IllegalStateException: a handler's bug +trace",
                "WARNING Shuttle server tcp://127.0.0.1:80 error: java.net.SocketException: Too many open files +trace",
                "WARNING Shuttle server tcp://127.0.0.1:80 error: java.io.IOException: disk full +trace"), logger.lines);
    }

    @Test
    void whenLoggingThrowsAnErrorItFallsBackToOnePlainLineOnStandardError() {
        RecordingLogger logger = new RecordingLogger();
        // As the JDK's formatter does, for good, once it could not load the time-zone rules.
        logger.failWith = new NoClassDefFoundError("Could not initialize class java.time.zone.ZoneRulesProvider");
        ServerErrorLog log = new ServerErrorLog(logger, "Shuttle server tcp://127.0.0.1:80", System::nanoTime);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            log.accept(new SocketException("Too many open files"));
            log.accept(new SocketException("Connection reset"));
        } finally {
            System.setErr(original);
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("Shuttle server tcp://127.0.0.1:80 error: java.net.SocketException: Too many open files (logging it failed:"
                + " java.lang.NoClassDefFoundError: Could not initialize class java.time.zone.ZoneRulesProvider)", lines.get(0));
    }

    @Test
    void clientFailuresAreToldApartFromTheRest() {
        assertEquals(ClientFailure.RESET, ClientFailures.of(new SocketException("Connection reset by peer")));
        assertEquals(ClientFailure.BROKEN_PIPE, ClientFailures.of(new IOException("Broken pipe")));
        assertEquals(ClientFailure.TIMEOUT, ClientFailures.of(new SocketTimeoutException("TLS handshake did not finish")));
        assertEquals(ClientFailure.TLS_HANDSHAKE, ClientFailures.of(new SSLHandshakeException("garbage")));
        assertEquals(ClientFailure.END_OF_STREAM, ClientFailures.of(new IOException("read", new java.io.EOFException())));
        assertEquals(ClientFailure.OVER_LIMIT, ClientFailures.of(new LimitRejection("Server tcp://127.0.0.1:80 is at its limit")));
        assertEquals(null, ClientFailures.of(new SocketException("Too many open files")));
        assertEquals(null, ClientFailures.of(new IllegalStateException("Connection reset"))); // a bug's words
    }
}
