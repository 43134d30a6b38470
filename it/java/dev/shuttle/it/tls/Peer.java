package dev.shuttle.it.tls;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real peer process (openssl, curl) started by a test and stopped by it. */
final class Peer implements AutoCloseable {
    private final Process process;
    private final Path log;

    private Peer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a process whose output goes to a log file. */
    static Peer start(Path dir, List<String> command) throws IOException {
        Path log = dir.resolve("peer-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Peer(process, log);
    }

    /** Starts a server process and waits until its port accepts connections. */
    static Peer server(Path dir, int port, List<String> command) throws IOException {
        Peer peer = start(dir, command);
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!peer.process.isAlive()) {
                    throw new IllegalStateException("peer exited: " + peer.output());
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
            return peer;
        } catch (RuntimeException e) {
            peer.process.destroyForcibly();
            throw e;
        }
    }

    /** Runs a command with the given standard input and returns its output once it exits. */
    static String run(Path dir, String input, List<String> command) throws Exception {
        try (Peer peer = start(dir, command)) {
            peer.process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            peer.process.getOutputStream().close();
            if (!peer.process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command.getFirst() + " did not exit: " + peer.output());
            }
            return peer.output();
        }
    }

    /** Writes a line to the process's standard input, which stays open. */
    void type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits until the process's output holds {@code text}, at most ten seconds. */
    void awaitOutput(String text) throws IOException {
        awaitOutput(text, 1);
    }

    /** Waits until the process's output holds {@code text} at least {@code times} times, at most ten seconds. */
    void awaitOutput(String text, int times) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> output().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("'" + text + "' not " + times + " times in the peer's output within 10 s:\n"
                    + output(), e);
        }
    }

    String output() throws IOException {
        return java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
