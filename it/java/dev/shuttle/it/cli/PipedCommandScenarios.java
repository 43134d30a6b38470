package dev.shuttle.it.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectionHandler;
import dev.shuttle.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code printf ... | shuttle connect URI} over one transport: end of standard input reaches the
 * peer as end of stream (a half-close), the peer's reply after it still arrives, and the command
 * exits 0 once the peer has closed. One subclass per transport.
 */
abstract class PipedCommandScenarios {
    @TempDir
    Path dir;

    /** {@return a server on loopback, of this transport} */
    abstract Server listen(Path dir) throws Exception;

    /** {@return the options {@code connect} needs for it (a CA file for TLS)} */
    abstract List<String> connectOptions(Path dir) throws Exception;

    @Test
    void endOfInputReachesThePeerWhoseReplyAfterItArrivesAndTheCommandExitsZero() throws Exception {
        ShuttleCommand.Result result = withServer(connection -> {
            byte[] request = connection.input().readAllBytes();   // needs the half-close to return
            connection.output().write(("echo: " + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }, "hello\nworld\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("echo: hello\nworld\n", result.out(), result.err());
        assertEquals(0, result.exitCode(), result.err());
    }

    @Test
    void aMebibyteGoesBothWaysAtOnceWithoutDeadlock() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(21).nextBytes(payload);
        ShuttleCommand.Result result = withServer(connection -> connection.input().transferTo(connection.output()), payload);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(payload.length, result.stdout().length, result.err());
        assertArrayEquals(payload, result.stdout(), "the echoed bytes differ");
    }

    private ShuttleCommand.Result withServer(ConnectionHandler handler, byte[] stdin) throws Exception {
        try (Server server = listen(dir)) {
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(handler);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            List<String> args = new ArrayList<>(List.of("connect"));
            args.addAll(connectOptions(dir));
            args.add(server.address().toString());
            try {
                return ShuttleCommand.run(stdin, 30, args.toArray(String[]::new));
            } finally {
                server.close();
                assertTrue(serving.join(Duration.ofSeconds(10)), "the server did not stop");
            }
        }
    }
}
