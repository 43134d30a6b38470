package dev.shuttle.internal.concurrent;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.testing.ChildJvm;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * An application run without {@code --enable-preview} still uses Shuttle: the seam falls back to
 * plain virtual threads when the preview classes are refused.
 */
@NetworkTest
class NoPreviewFallbackTest {

    /** Runs in a JVM without {@code --enable-preview}: serves and connects once, prints the seam's kind. */
    public static final class Probe {
        public static void main(String[] args) throws IOException, InterruptedException {
            try (Server server = Server.listen("tcp://127.0.0.1:0")) {
                Thread serving = Thread.ofVirtual().start(() -> {
                    try {
                        server.serve(connection -> connection.output().write(42));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                try (Connection connection = Connector.tcp().connect(server.address().toString())) {
                    System.out.println(TaskScopes.kind() + " " + connection.input().read());
                }
                server.close();
                Bounded.join(serving);
            }
        }
    }

    @Test
    void withoutThePreviewFlagTheSeamUsesPlainVirtualThreads() throws Exception {
        ChildJvm.Result result = ChildJvm.run("", Probe.class.getName());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("virtual 42", result.out().strip());
    }

    @Test
    void withThePreviewFlagTheSeamUsesStructuredTaskScope() throws Exception {
        ProcessBuilder builder = ChildJvm.builder(Probe.class.getName());
        builder.command().add(1, "--enable-preview");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        assertEquals("structured 42", out.strip());
    }
}
