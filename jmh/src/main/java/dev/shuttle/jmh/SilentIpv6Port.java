package dev.shuttle.jmh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A port that is silent on {@code ::1} (a listener with a full accept queue: the kernel drops
 * SYNs) and serves on {@code 127.0.0.1}: the happy-eyeballs scene on loopback.
 */
final class SilentIpv6Port implements AutoCloseable {
    private final ServerSocket silent;
    private final List<Socket> fillers = new ArrayList<>();
    private final ServerSocket serving;
    private final Thread acceptor;

    SilentIpv6Port() throws IOException {
        ServerSocket silentListener = null;
        ServerSocket servingListener = null;
        for (int tries = 0; servingListener == null; tries++) {
            silentListener = new ServerSocket(0, 1, InetAddress.ofLiteral("::1"));
            try {
                servingListener = new ServerSocket(silentListener.getLocalPort(), 4096, InetAddress.ofLiteral("127.0.0.1"));
            } catch (IOException taken) {
                silentListener.close();
                if (tries == 10) {
                    throw taken;
                }
            }
        }
        this.silent = silentListener;
        this.serving = servingListener;
        InetSocketAddress v6 = new InetSocketAddress(silent.getInetAddress(), silent.getLocalPort());
        for (int i = 0; i < 32; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(v6, 250);
                fillers.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                break;
            }
        }
        this.acceptor = Thread.ofVirtual().start(() -> {
            while (true) {
                try {
                    serving.accept().close();
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return serving.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        serving.close();
        acceptor.join();
        for (Socket socket : fillers) {
            socket.close();
        }
        silent.close();
    }
}
