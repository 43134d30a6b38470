package dev.shuttle.internal.server.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.testing.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Out of file descriptors, in a process that never logged before, with the default error handler:
 * the server logs the accept errors (the JDK's log formatter cannot load the time-zone rules then,
 * unless they were loaded at the server's start), keeps serving, and serves again once descriptors
 * are free. Runs in a child JVM limited to a few hundred descriptors.
 */
@Timeout(120)
class OutOfDescriptorsTest {

    @Test
    void aServerOutOfDescriptorsLogsKeepsServingAndRecovers() throws Exception {
        ProcessBuilder child = ChildJvm.builder(List.of("--enable-preview", "-Dshuttle.scope=" + System.getProperty("shuttle.scope", "auto")),
                OutOfDescriptorsServer.class.getName());
        List<String> command = new ArrayList<>(List.of("prlimit", "--nofile=400:400", "--"));
        command.addAll(child.command());
        java.nio.file.Path out = java.nio.file.Files.createTempFile("shuttle-out-of-descriptors", ".out");
        java.nio.file.Path err = java.nio.file.Files.createTempFile("shuttle-out-of-descriptors", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            String printed = java.nio.file.Files.readString(out);
            String errors = java.nio.file.Files.readString(err);
            String both = "stdout:\n" + printed + "\nstderr:\n" + errors;
            assertTrue(exited, "the child exits: " + both);
            assertEquals(0, process.exitValue(), both);
            assertTrue(printed.contains("out of descriptors after"), both);
            assertTrue(printed.contains("server open: true"), both);
            assertTrue(printed.contains("recovered"), both);
            assertTrue(printed.contains("serve ended: returned"), both);
            assertTrue(errors.contains("Too many open files"), "the accept errors were logged: " + both);
            assertFalse(errors.contains("logging it failed"), "logging itself worked: " + both);
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }
}
