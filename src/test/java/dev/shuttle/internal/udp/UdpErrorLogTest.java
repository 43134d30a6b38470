package dev.shuttle.internal.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.udp.DatagramTooLargeException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The default UDP error handler: a flood of datagrams too large is not a flood of warnings. */
class UdpErrorLogTest {

    /** Records what is logged: level, message, whether with a stack trace. */
    static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();

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
            lines.add(level + " " + message + (thrown == null ? "" : " +trace"));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void datagramsTooLargeAreWarnedOfOnceEveryThousandWithoutAStackTrace() {
        RecordingLogger logger = new RecordingLogger();
        UdpErrorLog log = new UdpErrorLog(logger);
        DatagramTooLargeException tooLarge = new DatagramTooLargeException("A datagram was too large", 10);
        for (int i = 0; i < 2001; i++) {
            log.accept(tooLarge);
        }
        List<String> warnings = logger.lines.stream().filter(line -> line.startsWith("WARNING")).toList();
        assertEquals(List.of("WARNING Shuttle UDP server error: A datagram was too large",
                "WARNING Shuttle UDP server error: A datagram was too large (1001 datagrams too large so far;"
                        + " the others are logged at DEBUG)",
                "WARNING Shuttle UDP server error: A datagram was too large (2001 datagrams too large so far;"
                        + " the others are logged at DEBUG)"), warnings);
        assertEquals(1998, logger.lines.stream().filter(line -> line.equals("DEBUG Shuttle UDP server error: A datagram was too large")).count());
    }

    @Test
    void otherErrorsAreWarnedOfWithTheirStackTrace() {
        RecordingLogger logger = new RecordingLogger();
        new UdpErrorLog(logger).accept(new IOException("boom"));
        assertEquals(List.of("WARNING Shuttle UDP server error: java.io.IOException: boom +trace"), logger.lines);
    }
}
