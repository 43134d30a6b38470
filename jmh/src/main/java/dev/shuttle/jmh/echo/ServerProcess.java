package dev.shuttle.jmh.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EchoServerMain} in a child JVM: the same JVM binary, class path and flags for every
 * contender. Closing it closes the child's standard input, which stops it; a child that does not
 * exit within ten seconds is killed (only this child, by its handle).
 */
final class ServerProcess implements AutoCloseable {
    /** The child's JVM flags, the same for every contender. */
    static final List<String> JVM_FLAGS = List.of("--enable-preview", "--enable-native-access=ALL-UNNAMED", "-Xms64m",
            "-Xmx1g", "-XX:+UseG1GC");

    private final Process process;
    private final BufferedReader output;
    private final OutputStream input;
    private final int port;

    private ServerProcess(Process process, BufferedReader output, int port) {
        this.process = process;
        this.output = output;
        this.input = process.getOutputStream();
        this.port = port;
    }

    /**
     * Starts a server and waits until it listens.
     *
     * @throws Unavailable if the server cannot run here (Netty's epoll without its native library)
     */
    static ServerProcess start(String kind, Path logDirectory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        String extra = System.getProperty("bench.serverJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoServerMain.class.getName(), kind));
        Process process = new ProcessBuilder(command)
                .redirectError(logDirectory.resolve("echo-server-" + kind + ".log").toFile())
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = output.readLine();
        while (line != null && !line.startsWith("READY ") && !line.startsWith("UNAVAILABLE")) {
            line = output.readLine(); // the JVM's own messages, such as JFR's at start-up
        }
        if (line != null && line.startsWith("READY ")) {
            return new ServerProcess(process, output, Integer.parseInt(line.substring(6).trim()));
        }
        process.destroyForcibly();
        if (line != null && line.startsWith("UNAVAILABLE")) {
            throw new Unavailable(line.substring("UNAVAILABLE".length()).trim());
        }
        throw new IOException("server " + kind + " did not start (" + line + "); see " + logDirectory.resolve("echo-server-" + kind + ".log"));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** {@return the server process's CPU time so far, user and system, in ns; -1 if unknown} */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** {@return heap used after full GCs and resident set size, in bytes} */
    long[] memory() throws IOException {
        input.write("MEASURE\n".getBytes(StandardCharsets.US_ASCII));
        input.flush();
        String line = output.readLine();
        while (line != null && !line.startsWith("MEMORY ")) {
            line = output.readLine();
        }
        if (line == null) {
            throw new IOException("server answered " + line + " to MEASURE");
        }
        String[] parts = line.split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    @Override
    public void close() throws IOException {
        try {
            input.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A contender that cannot run on this machine, with the reason. */
    static final class Unavailable extends IOException {
        Unavailable(String why) {
            super(why);
        }
    }
}
