package dev.shuttle.it.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the {@code shuttle} launcher of the repository's root as a user does: a separate process
 * running the packaged {@code -cli} jar, standard input piped in and closed.
 */
final class ShuttleCommand {
    /** The repository's root, where the launcher is. */
    static final Path ROOT = Path.of(System.getProperty("shuttle.basedir", ".")).toAbsolutePath();

    private ShuttleCommand() {}

    /** What a finished command printed, and its exit status. */
    record Result(int exitCode, byte[] stdout, String err) {
        /** {@return standard output as UTF-8 text} */
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code target/shuttle args...} with {@code stdin} as its whole standard input.
     *
     * @param stdin the bytes piped in, then end of input
     * @param seconds how long it may take
     * @param args its arguments
     * @return its output and status
     * @throws TimeoutException if it has not exited in time (it is then killed)
     */
    static Result run(byte[] stdin, int seconds, String... args) throws IOException, InterruptedException, TimeoutException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("target/shuttle").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).start();
        try {
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            Thread.ofVirtual().start(() -> {
                try (var input = process.getOutputStream()) {
                    input.write(stdin);
                } catch (IOException ignored) {
                    // The command exited before reading all of its input; its status says why.
                }
            });
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new TimeoutException("'shuttle " + String.join(" ", args) + "' did not exit within " + seconds
                        + " s; standard error so far: " + text(err, 5));
            }
            return new Result(process.exitValue(), bytes(out, 10), text(err, 10));
        } finally {
            process.destroyForcibly();
        }
    }

    /** {@return the packaged command-line jar} */
    static Path cliJar() throws IOException {
        try (var files = Files.list(ROOT.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("shuttle-.*-cli\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/shuttle-*-cli.jar: run the package phase first"));
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                bytes.complete(stream.readAllBytes());
            } catch (IOException e) {
                bytes.completeExceptionally(e);
            }
        });
        return bytes;
    }

    private static byte[] bytes(CompletableFuture<byte[]> bytes, int seconds) throws InterruptedException {
        try {
            return bytes.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the command's output", e);
        }
    }

    private static String text(CompletableFuture<byte[]> bytes, int seconds) {
        try {
            return new String(bytes.get(seconds, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        } catch (ExecutionException | TimeoutException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
