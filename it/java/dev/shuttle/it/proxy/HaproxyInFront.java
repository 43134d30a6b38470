package dev.shuttle.it.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * HAProxy in TCP mode in front of one server: a {@code send-proxy} (v1) frontend on
 * {@link ProxyPeer#port()} and a {@code send-proxy-v2} frontend on {@link #v2Port()}, connecting to
 * the server from 127.0.0.2.
 *
 * @param peer the running HAProxy, stopped by {@link #close()}
 * @param v2Port the port of the v2 frontend
 */
record HaproxyInFront(ProxyPeer peer, int v2Port) implements AutoCloseable {
    /**
     * Starts HAProxy in front of a server.
     *
     * @param serverPort the server's port on 127.0.0.1
     * @param v2Frontend extra lines for the v2 frontend, indented, or empty
     * @param v2Options extra options on the v2 backend's server line, or empty
     */
    static HaproxyInFront start(int serverPort, String v2Frontend, String v2Options) throws IOException {
        int[] v2Port = new int[1];
        ProxyPeer peer = ProxyPeer.start("haproxy", (port, directory) -> {
            v2Port[0] = ProxyPeer.freePort();
            Path config = directory.resolve("haproxy-" + port + ".cfg");
            Files.writeString(config, """
                    defaults
                        mode tcp
                        timeout connect 5s
                        timeout client 30s
                        timeout server 30s
                    frontend v1
                        bind 127.0.0.1:%1$d
                        default_backend shuttle_v1
                    frontend v2
                        bind 127.0.0.1:%2$d
                    %4$s    default_backend shuttle_v2
                    backend shuttle_v1
                        server s 127.0.0.1:%3$d send-proxy source 127.0.0.2
                    backend shuttle_v2
                        server s 127.0.0.1:%3$d send-proxy-v2 %5$s source 127.0.0.2
                    """.formatted(port, v2Port[0], serverPort, v2Frontend, v2Options));
            return List.of("haproxy", "-db", "-f", config.toString());
        });
        return new HaproxyInFront(peer, v2Port[0]);
    }

    /** {@return the v1 frontend's port} */
    int port() {
        return peer.port();
    }

    /** {@return what HAProxy printed, for failure messages} */
    String log() {
        return peer.log();
    }

    @Override
    public void close() throws IOException {
        peer.close();
    }
}
