package dev.shuttle.it.jdbc;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests (Debian's {@code postgresql}, installed by
 * {@code it/install-peers.sh}): a fresh cluster in a temporary folder, listening on 127.0.0.1 only,
 * on a free port, with trust authentication for the user {@code shuttle}. {@code initdb} and
 * {@code postgres} refuse to run as root, so as root they run as the {@code postgres} user through
 * {@code setpriv}, which execs them: the process the test holds is the postmaster itself, not a
 * parent that would leave it running when killed. The cluster's folder is owned by that user,
 * inside a folder anyone may traverse. A port taken between choosing it and the server binding it
 * is retried with another. {@link #close()} stops the server ({@code pg_ctl stop -m fast}, else
 * {@code -m immediate}, else a kill) and deletes the folders; a failed start does the same.
 */
final class Postgres implements AutoCloseable {
    static final String USER = "shuttle";
    private static final int PORT_TRIES = 5;

    private final Path outer;
    private final Path directory;
    private final Path data;
    private final Path bin;
    private final int port;
    private final Process process;

    private Postgres(Path outer, Path directory, Path bin, int port, Process process) {
        this.outer = outer;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.bin = bin;
        this.port = port;
        this.process = process;
    }

    /** Prepares the server's folder (writes its TLS files, say) and returns extra settings. */
    @FunctionalInterface
    interface Setup {
        /**
         * @param directory the server's folder, owned by the server's user
         * @return settings as {@code name=value}
         */
        List<String> settings(Path directory) throws Exception;
    }

    /** Creates a cluster and starts the server with the default settings, waiting until it accepts connections. */
    static Postgres start() throws Exception {
        return start(directory -> List.of());
    }

    /**
     * Creates a cluster and starts the server, waiting until it accepts connections.
     *
     * @param setup prepares the folder and gives extra settings
     */
    static Postgres start(Setup setup) throws Exception {
        Path bin = binaries();
        Path outer = Files.createTempDirectory(temporaryRoot(), "shuttle-postgres", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path directory = outer.resolve("cluster");
        Path data = directory.resolve("data");
        Process process = null;
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ownByServerUser(directory);
            run(asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "--no-sync", "--no-instructions", "-E", "UTF8")), directory);
            List<String> settings = setup.settings(directory);
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Path log = directory.resolve("postgres-" + port + ".log");
                process = new ProcessBuilder(asServerUser(serverCommand(bin, data, directory, port, settings)))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (awaitReady(process, log)) {
                    return new Postgres(outer, directory, bin, port, process);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                process.waitFor(10, TimeUnit.SECONDS);
                process = null;
                if (attempt == PORT_TRIES || !output.contains("could not bind") && !output.contains("Address already in use")) {
                    throw new IllegalStateException("postgres exited: " + output);
                }
            }
        } catch (Exception | Error e) {
            stopAfterFailure(bin, data, directory, process);
            delete(outer);
            throw e;
        }
    }

    private static List<String> serverCommand(Path bin, Path data, Path directory, int port, List<String> settings) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", directory.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "logging_collector=off"));
        for (String setting : settings) {
            command.addAll(List.of("-c", setting));
        }
        return command;
    }

    /** {@return true when the server accepts connections, false when it exited first} */
    private static boolean awaitReady(Process process, Path log) {
        boolean[] ready = new boolean[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ready[0] = Files.readString(log, StandardCharsets.UTF_8).contains("ready to accept connections");
            return ready[0] || !process.isAlive();
        });
        return ready[0] && process.isAlive();
    }

    int port() {
        return port;
    }

    Path directory() {
        return directory;
    }

    /** Makes a file the server reads (a TLS key, say) its own, readable by it only. */
    static void giveToServer(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ownByServerUser(file);
    }

    @Override
    public void close() throws Exception {
        try {
            try {
                run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast",
                        "-w", "-t", "30")), directory);
            } finally {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    stopAfterFailure(bin, data, directory, process);
                }
            }
        } finally {
            stopAfterFailure(bin, data, directory, process);
            delete(outer);
        }
    }

    /**
     * Makes sure no server process is left: {@code pg_ctl stop -m immediate} (which stops the
     * postmaster and its children), then a kill of whatever is still alive, children first.
     */
    private static void stopAfterFailure(Path bin, Path data, Path directory, Process process) throws InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "immediate",
                        "-w", "-t", "10")), directory);
            } catch (Exception e) {
                // Not running, or not stoppable this way: the kill below is the last resort.
            }
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@return where to create the folders: the JVM's temporary folder, unless (as root) the
     * server's user could not reach it, then {@code /tmp}}
     */
    private static Path temporaryRoot() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        if (!root()) {
            return tmp;
        }
        for (Path p = tmp; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return Path.of("/tmp");
            }
        }
        return tmp;
    }

    private static Path binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
                return Path.of(dir, "initdb").toRealPath().getParent();
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: run it/install-peers.sh");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!root()) {
            return command;
        }
        // setpriv execs the command (runuser forks and waits, so killing it would leave the server).
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ownByServerUser(Path path) throws IOException {
        if (root()) {
            UserPrincipal postgres = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(path, postgres);
        }
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Path log = directory.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(command.getFirst() + " did not finish: " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
