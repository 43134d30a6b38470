package dev.shuttle.proxy;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.PeerServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small working proxy for tests: speaks SOCKS5 (no authentication) or HTTP CONNECT, records the
 * target each client asked for, and relays every tunnel to one fixed loopback port, whatever
 * name was asked for (so {@code tls://app.test:443} reaches a local TLS server). A SOCKS5 proxy
 * can be told to stall some targets.
 */
final class RelayProxy implements AutoCloseable {
    /** What the proxy does for a target. */
    enum Mode {
        /** Opens the tunnel and relays. */
        RELAY,
        /** Never answers the request: the client waits until it gives up. */
        STALL_REQUEST,
        /** Answers that the tunnel is open, then relays nothing either way. */
        STALL_TUNNEL
    }

    final CopyOnWriteArrayList<String> asked = new CopyOnWriteArrayList<>();
    private final PeerServer server;

    private RelayProxy(String listenUri, ServerOptions options, boolean socks, int targetPort,
            Function<String, Mode> modes) throws IOException {
        server = PeerServer.start(listenUri, options, connection -> serve(connection, socks, targetPort, modes));
    }

    private void serve(Connection connection, boolean socks, int targetPort, Function<String, Mode> modes)
            throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(connection.input());
        OutputStream out = connection.output();
        if (socks) {
            in.readUnsignedByte(); // version
            in.readNBytes(in.readUnsignedByte()); // the methods offered
            out.write(new byte[] {5, 0});
            byte[] head = in.readNBytes(4);
            String host = switch (head[3]) {
                case 1 -> java.net.InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 4 -> java.net.InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            };
            String target = host + ":" + in.readUnsignedShort();
            asked.add(target);
            Mode mode = modes.apply(target);
            if (mode == Mode.STALL_REQUEST) {
                in.transferTo(OutputStream.nullOutputStream()); // until the client gives up and closes
                return;
            }
            out.write(ScriptedProxy.socks5Success());
            if (mode == Mode.STALL_TUNNEL) {
                out.flush();
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
        } else {
            String head = HttpConnectConnectorTest.head(in);
            asked.add(head.substring("CONNECT ".length(), head.indexOf(' ', "CONNECT ".length())));
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        try (Connection target = Connector.tcp().connect("tcp://127.0.0.1:" + targetPort)) {
            Thread back = Thread.ofVirtual().start(() -> pump(target.input(), out, connection));
            pump(in, target.output(), target);
            back.join(10_000);
        }
    }

    static RelayProxy socks(int targetPort) throws IOException {
        return socks(targetPort, target -> Mode.RELAY);
    }

    /** A SOCKS5 proxy that treats each target ({@code host:port}) as {@code modes} says. */
    static RelayProxy socks(int targetPort, Function<String, Mode> modes) throws IOException {
        return new RelayProxy("tcp://127.0.0.1:0", ServerOptions.defaults(), true, targetPort, modes);
    }

    static RelayProxy http(String listenUri, ServerOptions options, int targetPort) throws IOException {
        return new RelayProxy(listenUri, options, false, targetPort, target -> Mode.RELAY);
    }

    int port() {
        return dev.shuttle.Endpoint.parse(server.uri()).port();
    }

    private static void pump(InputStream from, OutputStream to, Connection toClose) {
        try {
            from.transferTo(to);
            toClose.shutdownOutput();
        } catch (IOException e) {
            toClose.close();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
