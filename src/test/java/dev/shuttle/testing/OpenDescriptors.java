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

    /** The name of the threads that warm the JDK up; their first-use pinning is not a test's fault. */
    static final String WARM_UP = "leak-check-warm-up";
    private static boolean warm;

    private OpenDescriptors() {}

    /** {@return descriptor number to link target, for sockets, pipes and anonymous inodes} */
    public static Map<Integer, String> snapshot() {
        warmUpOnce();
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
    private static synchronized void warmUpOnce() {
        if (!warm) {
            warm = true;
            warmUp();
        }
    }

    // Not from a static initializer: its threads would wait for this class's initialization.
    private static void warmUp() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Selector ignored = Selector.open()) {
            Thread client = Thread.ofVirtual().name(WARM_UP).start(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    socket.getOutputStream().write(1);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread acceptor = Thread.ofVirtual().name(WARM_UP).start(() -> {
                try (Socket accepted = server.accept()) {
                    accepted.getInputStream().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Bounded.join(client);
            Bounded.join(acceptor);
        } catch (IOException e) {
            throw new IllegalStateException("warm-up of the JDK's socket machinery failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
