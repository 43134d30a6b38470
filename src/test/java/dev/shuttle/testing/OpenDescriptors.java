package dev.shuttle.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The process's open sockets, pipes and event descriptors, read from {@code /proc/self/fd}. */
public final class OpenDescriptors {
    private static final Path FD = Path.of("/proc/self/fd");

    // Not in a static initializer: the warm-up's threads run lambdas of this class, which would
    // wait for the initializer that waits for them (a class-initialization deadlock).
    private static volatile boolean warmedUp;

    private OpenDescriptors() {}

    /** {@return descriptor number to link target, for sockets, pipes and anonymous inodes} */
    public static Map<Integer, String> snapshot() {
        if (!warmedUp) {
            synchronized (OpenDescriptors.class) {
                if (!warmedUp) {
                    warmUp();
                    warmedUp = true;
                }
            }
        }
        Map<Integer, String> open = new TreeMap<>();
        try (Stream<Path> entries = Files.list(FD)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                        open.put(Integer.parseInt(entry.getFileName().toString()), target);
                    }
                } catch (IOException vanished) {
                    // Closed between list and read (or the listing's own descriptor): not open.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + FD, e);
        }
        return open;
    }

    /** {@return what is open now and was not in {@code baseline}} */
    public static Map<Integer, String> since(Map<Integer, String> baseline) {
        Map<Integer, String> now = snapshot();
        now.entrySet().removeIf(e -> e.getValue().equals(baseline.get(e.getKey())));
        return now;
    }

    /**
     * Opens what the JDK opens once per process on first use (virtual-thread pollers, the selector
     * provider), so that the first test is not blamed for it.
     */
    private static void warmUp() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Selector ignored = Selector.open()) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket accepted = server.accept()) {
                    accepted.getInputStream().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Let the acceptor park first, alone: two virtual threads initializing the JDK's socket
            // poller at once make one wait for the other's class initialization, pinning its carrier.
            while (acceptor.isAlive() && acceptor.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            Thread client = Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    socket.getOutputStream().write(1);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            client.join();
            acceptor.join();
        } catch (IOException e) {
            throw new IllegalStateException("warm-up of the JDK's socket machinery failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
