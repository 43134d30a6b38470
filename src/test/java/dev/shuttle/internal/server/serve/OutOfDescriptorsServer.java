package dev.shuttle.internal.server.serve;

import dev.shuttle.testing.Bounded;
import dev.shuttle.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A child JVM's program for {@link OutOfDescriptorsTest}: a server with the default error handler,
 * in a process that has never logged, runs out of file descriptors while a client waits in its
 * backlog, then gets them back. Prints {@code recovered} once the client's echo came back, then
 * what serve ended with and the server's stats.
 */
public final class OutOfDescriptorsServer {
    private OutOfDescriptorsServer() {}

    /**
     * Loads every class of Shuttle's main code, as a jar would have them at hand: from a jar, a
     * class loads without a new descriptor, but from the build's class directory each needs one,
     * and would fail to load (NoClassDefFoundError) once descriptors ran out.
     */
    private static void loadShuttleClasses() throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            java.nio.file.Path root = java.nio.file.Path.of(entry);
            if (!java.nio.file.Files.isDirectory(root.resolve("dev/shuttle")) || root.endsWith("test-classes")) {
                continue;
            }
            try (var files = java.nio.file.Files.walk(root.resolve("dev/shuttle"))) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    try {
                        Class.forName(name, false, OutOfDescriptorsServer.class.getClassLoader());
                    } catch (Throwable e) {
                        // not loadable here: not on the path of this program
                    }
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        loadShuttleClasses();
        Server server = Server.listen("tcp://127.0.0.1:0");
        AtomicReference<Object> ended = new AtomicReference<>();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> connection.input().transferTo(connection.output()));
                ended.set("returned");
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        // A server that has served once, as any server has before it runs out: the JDK's poller of
        // virtual threads (two epoll descriptors) exists by then. Out of descriptors before its first
        // blocking call, a process cannot create it and no virtual thread can ever wait on a socket.
        try (SocketChannel first = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.address().port()))) {
            first.write(ByteBuffer.wrap(new byte[] {1}));
            first.read(ByteBuffer.allocate(1));
        }
        SocketChannel client = SocketChannel.open(); // its descriptor is taken now, before they run out
        List<AutoCloseable> hogs = new ArrayList<>();
        try {
            while (true) {
                Pipe pipe = Pipe.open();
                hogs.add(pipe.source());
                hogs.add(pipe.sink());
            }
        } catch (IOException outOfDescriptors) {
            System.out.println("out of descriptors after " + hogs.size() + " pipes: " + outOfDescriptors.getMessage());
        }
        try {
            client.connect(new InetSocketAddress("127.0.0.1", server.address().port()));
        } catch (IOException e) {
            Bounded.join(serving);
            System.out.println("connect failed: " + e + "; serve ended: " + ended.get());
            if (ended.get() instanceof Throwable failure) {
                failure.printStackTrace(System.out);
            }
            throw e;
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (server.stats().otherFailures() < 3 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // polls the counter, up to the deadline
        }
        System.out.println("accept failures while out of descriptors: " + server.stats().otherFailures()
                + ", server open: " + server.isOpen());
        if (ended.get() instanceof Throwable failure) {
            failure.printStackTrace(System.out);
        }
        for (AutoCloseable hog : hogs) {
            hog.close();
        }
        hogs.clear();
        client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer echo = ByteBuffer.allocate(4);
        while (echo.hasRemaining() && client.read(echo) >= 0) {
            // reading the echo
        }
        System.out.println(new String(echo.array(), 0, echo.position(), StandardCharsets.US_ASCII).equals("ping")
                ? "recovered" : "no echo");
        client.close();
        server.close();
        Bounded.join(serving);
        System.out.println("serve ended: " + ended.get());
        System.out.println("stats: " + server.stats());
    }
}
