package dev.shuttle.it.proxy;

import dev.shuttle.it.PeerProcesses;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real proxy process for the tests (danted, microsocks, tinyproxy, haproxy): started on a free
 * loopback port with its configuration in a temporary directory, ready once its port accepts a
 * connection, and stopped by its pid with its files deleted.
 */
final class ProxyPeer implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path log;

    private ProxyPeer(Process process, int port, Path directory, Path log) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.log = log;
    }

    /** How to run a peer on a port, given its directory. */
    interface Launch {
        /**
         * Writes any configuration into {@code directory} and returns the command line.
         *
         * @param port the port to listen on
         * @param directory a fresh temporary directory
         */
        List<String> command(int port, Path directory) throws IOException;
    }

    /**
     * Starts the peer, trying other ports if one is taken.
     *
     * @param name for messages
     * @param launch the command line for a port
     * @return the running peer
     */
    static ProxyPeer start(String name, Launch launch) throws IOException {
        Path directory = Files.createTempDirectory("shuttle-" + name);
        IOException failure = new IOException(name + " did not start in " + ATTEMPTS + " attempts");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = directory.resolve(name + "-" + attempt + ".log");
            Process process = new ProcessBuilder(launch.command(port, directory))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (PeerProcesses.ready(process, () -> probe(port))) {
                return new ProxyPeer(process, port, directory, log);
            }
            PeerProcesses.stop(process);
            failure.addSuppressed(new IOException(name + " on port " + port + " failed: " + Files.readString(log)));
        }
        PeerProcesses.deleteAll(directory);
        throw failure;
    }

    /** Convenience: a command from the port alone. */
    static Launch command(IntFunction<List<String>> command) {
        return (port, directory) -> command.apply(port);
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** {@return what the peer wrote so far, for failure messages} */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@return a loopback port nothing listens on now} */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the peer by its pid, waits for it, and deletes its files. */
    @Override
    public void close() throws IOException {
        PeerProcesses.stop(process);
        PeerProcesses.deleteAll(directory);
    }

    private static void probe(int port) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        }
    }
}
