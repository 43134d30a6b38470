package dev.shuttle.proxy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection proxy on loopback that plays a script: the test says byte for byte what the
 * client must send and what the "proxy" answers, then {@link #finish()} returns what the script
 * found (its assertion failures rethrown) and whether the client closed the connection.
 */
final class ScriptedProxy implements AutoCloseable {
    /** What the proxy does with the accepted connection. */
    interface Script {
        void play(DataInputStream in, OutputStream out, Socket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

    private ScriptedProxy(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-proxy").start(() -> {
            try (listener; Socket socket = listener.accept()) {
                socket.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                script.play(in, socket.getOutputStream(), socket);
                outcome.complete(closedByClient(in));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
    }

    static ScriptedProxy start(Script script) throws IOException {
        return new ScriptedProxy(script);
    }

    int port() {
        return listener.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /**
     * Waits for the script to end.
     *
     * @return whether the client closed the connection (the proxy read end of stream) after the script
     */
    boolean finish() throws Exception {
        try {
            return outcome.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    /** Whether the client closes, reading whatever it still sends (up to a bound). */
    private static boolean closedByClient(InputStream in) {
        try {
            byte[] sink = new byte[4096];
            for (int total = 0; total < 1 << 20; ) {
                int n = in.read(sink);
                if (n < 0) {
                    return true;
                }
                total += n;
            }
            return false;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    /** Reads exactly n bytes. */
    static byte[] read(DataInputStream in, int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A SOCKS5 success reply with a bound IPv4 address. */
    static byte[] socks5Success() {
        return bytes(5, 0, 0, 1, 127, 0, 0, 1, 0x1F, 0x90);
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
