package dev.shuttle.internal.cli;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.concurrent.TaskScopes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shuttle demo}: a tour on loopback that needs no network. Serves an echo server over TCP
 * and a Unix socket, talks to both, shows the errors a user meets, then the async-sockets
 * features ({@link AsyncSocketsTour}).
 */
final class DemoCommand {
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (!args.isEmpty()) {
            out.println("Usage: shuttle demo\n\nStarts echo servers on loopback and talks to them; needs no network.");
            return args.contains("-h") || args.contains("--help") ? Main.OK : Main.USAGE;
        }
        out.println("Shuttle demo on " + Runtime.version() + " (concurrency: " + TaskScopes.kind() + " task scopes)");
        Path directory = null;
        try {
            directory = Files.createTempDirectory("shuttle-demo");
            Path socket = directory.resolve("echo.sock");
            ServerOptions options = ServerOptions.builder()
                    .errorHandler(error -> err.println("server error: " + error))
                    .build();
            TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1", "::1");
            ServerOptions tlsOptions = options.toBuilder()
                    .tls(TlsServerOptions.builder().certificate(certificate).build())
                    .build();
            try (Server tcp = Server.listen("tcp://127.0.0.1:0", options);
                    Server unix = Server.listen("unix://" + socket, options);
                    Server tls = Server.listen("tls://127.0.0.1:0", tlsOptions)) {
                Thread tcpServing = Thread.ofVirtual().start(() -> serveEcho(tcp));
                Thread unixServing = Thread.ofVirtual().start(() -> serveEcho(unix));
                Thread tlsServing = Thread.ofVirtual().start(() -> serveEcho(tls));
                out.println("Echo servers listening on " + tcp.address() + ", " + tls.address() + " and " + unix.address());
                roundTrip(Connector.tcp(), tcp.address());
                roundTrip(Connector.unix(), unix.address());
                out.println("By name, the default connector asks AAAA and A at once and races the answers"
                        + " (::1 refuses, 127.0.0.1 serves):");
                Timeline timeline = new Timeline(out);
                Connector byName = Connector.create(ConnectorOptions.builder().listener(timeline).build());
                timeline.restart();
                roundTrip(byName, Endpoint.parse("tcp://localhost:" + tcp.address().port()));
                out.println("TLS by name, trusting the server's self-signed certificate:");
                Connector secure = Connector.create(ConnectorOptions.builder()
                        .tls(TlsOptions.builder().trustCertificates(certificate.chain()).build())
                        .build());
                roundTrip(secure, Endpoint.parse("tls://localhost:" + tls.address().port()));
                showRefused(tcp.address());
                showBadUri();
                new AsyncSocketsTour(out).run(options);
                tcp.close();
                unix.close();
                tls.close();
                tcpServing.join();
                unixServing.join();
                tlsServing.join();
                out.println("Servers closed; every handler finished.");
            }
            return Main.OK;
        } catch (IOException e) {
            err.println("shuttle demo: " + e.getMessage());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        } finally {
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory.resolve("echo.sock"));
                    Files.deleteIfExists(directory);
                } catch (IOException ignored) {
                    // A temporary directory left behind is harmless.
                }
            }
        }
    }

    private static void serveEcho(Server server) {
        try {
            server.serve(connection -> connection.input().transferTo(connection.output()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void roundTrip(Connector connector, Endpoint address) throws IOException {
        String message = "hello over " + address.scheme();
        long start = System.nanoTime();
        try (Connection connection = connector.connect(address.toString())) {
            long connected = System.nanoTime();
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            connection.output().write(bytes);
            String reply = new String(connection.input().readNBytes(bytes.length), StandardCharsets.UTF_8);
            long done = System.nanoTime();
            out.printf("%-40s connected in %.2f ms, echo \"%s\" in %.2f ms%n", connection.remoteAddress(),
                    (connected - start) / 1e6, reply, (done - connected) / 1e6);
            if (connection.unwrap(javax.net.ssl.SSLSession.class).isPresent()) {
                out.println(TlsSummary.of(connection));
            }
        }
    }

    private void showRefused(Endpoint open) throws IOException {
        Endpoint closed;
        try (Server spare = Server.listen("tcp://127.0.0.1:0")) {
            closed = spare.address();
        }
        try (Connection ignored = Connector.tcp().connect(closed.toString())) {
            out.println("Unexpected: " + closed + " accepted a connection");
        } catch (java.net.ConnectException e) {
            out.println("A closed port:  " + e.getClass().getName() + ": " + e.getMessage());
        }
        if (!open.scheme().isInternet()) {
            throw new IllegalStateException(open + " is not a TCP address");
        }
    }

    private void showBadUri() throws IOException {
        try (Connection ignored = Connector.tcp().connect("tcp://[::1:8080")) {
            out.println("Unexpected: a malformed URI connected");
        } catch (IllegalArgumentException e) {
            out.println("A bad URI:      " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
