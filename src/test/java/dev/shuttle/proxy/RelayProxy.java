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

/**
 * A small working proxy for tests: speaks SOCKS5 (no authentication) or HTTP CONNECT, records the
 * target each client asked for, and relays every tunnel to one fixed loopback port, whatever
 * name was asked for (so {@code tls://app.test:443} reaches a local TLS server).
 */
final class RelayProxy implements AutoCloseable {
    final CopyOnWriteArrayList<String> asked = new CopyOnWriteArrayList<>();
    private final PeerServer server;

    private RelayProxy(String listenUri, ServerOptions options, boolean socks, int targetPort) throws IOException {
        server = PeerServer.start(listenUri, options, connection -> {
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
                asked.add(host + ":" + in.readUnsignedShort());
                out.write(ScriptedProxy.socks5Success());
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
        });
    }

    static RelayProxy socks(int targetPort) throws IOException {
        return new RelayProxy("tcp://127.0.0.1:0", ServerOptions.defaults(), true, targetPort);
    }

    static RelayProxy http(String listenUri, ServerOptions options, int targetPort) throws IOException {
        return new RelayProxy(listenUri, options, false, targetPort);
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
