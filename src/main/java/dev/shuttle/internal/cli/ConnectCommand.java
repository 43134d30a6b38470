package dev.shuttle.internal.cli;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.TlsOptions;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code shuttle connect URI}: standard input to the connection, the connection to standard output. */
final class ConnectCommand {
    private static final String HELP = """
            Usage: shuttle connect [options] URI

            Opens a connection to URI, sends standard input to it (half-closing the connection at
            end of input) and copies what the peer sends to standard output until the peer closes.

              URI              tcp://host:port, tls://host:port (a name or an IP address; IPv6 in
                               brackets) or unix:///absolute/path
              --cafile FILE    tls://: trust the CA certificates of this PEM file instead of the
                               JDK's trust store
              --insecure       tls://: INSECURE, accept any certificate for any name
              --alpn LIST      tls://: offer these ALPN protocols, comma-separated (h2,http/1.1)
              -v, --verbose    print DNS answers and connection attempts with times and, for TLS,
                               protocol, cipher suite, ALPN, peer certificate subject and expiry, to
                               standard error
              -h, --help       show this help
            """;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private Timeline timeline;

    ConnectCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        String uri;
        Connector connector;
        CommandLine line;
        try {
            line = CommandLine.parse(args, Set.of("-h", "--help", "--insecure", "-v", "--verbose"), Set.of("--cafile", "--alpn"));
            if (line.has("-h", "--help")) {
                out.print(HELP);
                return Main.OK;
            }
            uri = line.single("URI");
            DatagramScheme.refuseOnTheCommandLine("connect", Endpoint.parse(uri));
            connector = connectorFor(line);
        } catch (IllegalArgumentException e) {
            err.println("shuttle connect: " + e.getMessage());
            err.print(HELP);
            return Main.USAGE;
        }
        if (timeline != null) {
            timeline.restart();
        }
        try (Connection connection = connector.connect(uri)) {
            if (line.has("-v", "--verbose")) {
                err.println("Connected to " + connection.remoteAddress() + " from " + connection.localAddress());
                if (connection.unwrap(javax.net.ssl.SSLSession.class).isPresent()) {
                    err.println(TlsSummary.of(connection));
                }
            }
            Thread sender = Thread.ofPlatform().daemon().name("shuttle-stdin").start(() -> send(connection));
            copy(connection.input(), out);
            sender.interrupt();
            return Main.OK;
        } catch (IOException e) {
            err.println("shuttle connect: " + e.getMessage());
            return Main.FAILED;
        } catch (IllegalArgumentException e) {
            err.println("shuttle connect: " + e.getMessage());
            return Main.USAGE;
        }
    }

    private Connector connectorFor(CommandLine line) {
        ConnectorOptions.Builder options = ConnectorOptions.builder().tls(tlsOptions(line));
        if (line.has("-v", "--verbose")) {
            timeline = new Timeline(err);
            options.listener(timeline);
        }
        return Connector.create(options.build());
    }

    private static TlsOptions tlsOptions(CommandLine line) {
        TlsOptions.Builder tls = TlsOptions.builder();
        if (line.value("--cafile") != null) {
            tls.trustPem(Path.of(line.value("--cafile")));
        }
        if (line.has("--insecure")) {
            tls.insecureTrustAllCertificates();
        }
        if (line.value("--alpn") != null) {
            tls.applicationProtocols(line.value("--alpn").split(","));
        }
        return tls.build();
    }

    private void send(Connection connection) {
        try {
            copy(in, connection.output());
            // TLS 1.3 half-closes (close_notify, and the answer is still read); over TLS 1.2, whose
            // close_notify ends both directions, stop sending and keep reading until the server closes.
            boolean tls12 = connection.unwrap(javax.net.ssl.SSLSession.class)
                    .map(session -> !"TLSv1.3".equals(session.getProtocol())).orElse(false);
            if (!tls12) {
                connection.shutdownOutput();
            }
        } catch (IOException e) {
            if (connection.isOpen()) {
                err.println("shuttle connect: sending failed: " + e.getMessage());
            }
        }
    }

    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = from.read(buffer)) >= 0) {
            to.write(buffer, 0, n);
            to.flush();
        }
    }
}
