package dev.shuttle.internal.combinator;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real listeners on {@code 127.0.0.1} and {@code [::1]} (when this machine has IPv6 loopback), on
 * one port, that accept and count every connection and close it at once: what a selective rule
 * must keep a connector from reaching. A connection the kernel completed but nobody accepted yet
 * is counted too: {@link #accepted()} first connects a probe of its own and waits until it is
 * accepted behind them.
 */
final class CountingListener implements AutoCloseable {
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final List<Integer> peerPorts = new CopyOnWriteArrayList<>();
    private final List<Integer> allProbes = new CopyOnWriteArrayList<>();
    private final int port;
    private final boolean ipv6;

    private CountingListener(ServerSocket ipv4, ServerSocket ipv6) {
        this.port = ipv4.getLocalPort();
        this.ipv6 = ipv6 != null;
        sockets.add(ipv4);
        if (ipv6 != null) {
            sockets.add(ipv6);
        }
        for (ServerSocket socket : sockets) {
            acceptors.add(Thread.ofVirtual().name("counting-listener").start(() -> acceptAll(socket)));
        }
    }

    /** Binds both loopback listeners on a free port, the same for both. */
    static CountingListener open() throws IOException {
        IOException last = null;
        for (int tries = 0; tries < 20; tries++) {
            ServerSocket ipv4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            try {
                ServerSocket ipv6 = new ServerSocket(ipv4.getLocalPort(), 50, InetAddress.getByName("::1"));
                return new CountingListener(ipv4, ipv6);
            } catch (java.net.BindException e) {
                ipv4.close(); // that port is taken on ::1: another one
                last = e;
            } catch (java.net.SocketException e) {
                return new CountingListener(ipv4, null); // no IPv6 loopback on this machine
            }
        }
        throw last;
    }

    private void acceptAll(ServerSocket socket) {
        while (!socket.isClosed()) {
            try (Socket accepted = socket.accept()) {
                peerPorts.add(accepted.getPort());
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    int port() {
        return port;
    }

    boolean hasIpv6() {
        return ipv6;
    }

    /**
     * {@return how many connections were accepted, besides probes}, counting those the kernel
     * completed and nobody accepted yet: a probe is connected to each listener and waited for
     */
    int accepted() throws IOException {
        List<Integer> probes = new ArrayList<>();
        for (ServerSocket socket : sockets) {
            try (Socket probe = new Socket(socket.getInetAddress(), port)) {
                probes.add(probe.getLocalPort());
            }
        }
        allProbes.addAll(probes);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> peerPorts.containsAll(probes));
        return (int) peerPorts.stream().filter(p -> !allProbes.contains(p)).count();
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        for (Thread acceptor : acceptors) {
            try {
                Bounded.join(acceptor);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the listener closed", e);
            }
        }
    }

    /** {@return the address of the IPv4 listener} */
    InetSocketAddress ipv4Address() {
        return new InetSocketAddress(sockets.getFirst().getInetAddress(), port);
    }
}
