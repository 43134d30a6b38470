package dev.shuttle.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/** What every test that starts a real peer (dnsmasq, a proxy) does with its process and files. */
public final class PeerProcesses {
    private PeerProcesses() {}

    /** One try at reaching the peer: returns normally once it answers. */
    @FunctionalInterface
    public interface Probe {
        void reach() throws IOException;
    }

    /**
     * Waits, up to 10 seconds, until the peer answers the probe or its process ends.
     *
     * @return whether the process is alive and answered
     */
    public static boolean ready(Process process, Probe probe) {
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    return true;
                }
                try {
                    probe.reach();
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            return false;
        }
        return process.isAlive();
    }

    /** Asks the process to end, then forces it after 5 seconds, and waits for it. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a directory and everything under it. */
    public static void deleteAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        }
    }
}
