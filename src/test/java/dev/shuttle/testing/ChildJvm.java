package dev.shuttle.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a Java program in a fresh JVM of the same JDK, with the test class path and no JVM flags unless given. */
public final class ChildJvm {
    private ChildJvm() {}

    /** {@return a process builder for {@code java -cp <test class path> mainClass args...}} */
    public static ProcessBuilder builder(String mainClass, String... args) {
        return builder(List.of(), mainClass, args);
    }

    /**
     * {@return a process builder for {@code java jvmOptions... -cp <test class path> mainClass args...}}
     *
     * @param jvmOptions options for the JVM, such as {@code -Xmx64m}
     * @param mainClass the main class
     * @param args its arguments
     */
    public static ProcessBuilder builder(List<String> jvmOptions, String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The outcome of a finished program. */
    public record Result(int exitCode, String out, String err) {}

    /**
     * Runs a program to its end, with standard input given.
     *
     * @param stdin what standard input holds
     * @param mainClass the main class
     * @param args its arguments
     * @return exit code and output
     * @throws IOException if it cannot start
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(String stdin, String mainClass, String... args) throws IOException, InterruptedException {
        Process process = builder(mainClass, args).start();
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.completeExceptionally(e);
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child JVM did not exit: " + mainClass);
            }
            return new Result(process.exitValue(), out, Bounded.join(err));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
