package dev.shuttle.internal.cli;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Endpoint;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.internal.uri.DatagramScheme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code shuttle listen URI}: serves connections, echoing them or printing what they send. */
final class ListenCommand {
    private static final String HELP = """
            Usage: shuttle listen [options] URI

            Listens on URI and serves every connection on a virtual thread of its own. Prints
            'Listening on ADDRESS' to standard error once ready; stops on Ctrl-C.

              URI              tcp://ip:port (port 0 picks a free port), tls://ip:port or
                               unix:///absolute/path
              --cert FILE      TLS: the PEM certificate chain (for tls:// without it, a self-signed
                               certificate for localhost is made and its PEM file named; with unix://
                               it serves TLS over the Unix socket)
              --key FILE       TLS: the PEM private key (PKCS#8 or PKCS#1); defaults to --cert
              --stdout         print what clients send to standard output instead of echoing it
              -v, --verbose    print each connection (and for TLS: protocol, cipher suite, ALPN,
                               client certificate) to standard error
              -h, --help       show this help
            """;

    private final PrintStream out;
    private final PrintStream err;

    ListenCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        CommandLine line;
        String uri;
        try {
            line = CommandLine.parse(args, Set.of("-h", "--help", "--stdout", "-v", "--verbose"), Set.of("--cert", "--key"));
            if (line.has("-h", "--help")) {
                out.print(HELP);
                return Main.OK;
            }
            uri = line.single("URI");
            DatagramScheme.refuseOnTheCommandLine("listen", Endpoint.parseListening(uri));
        } catch (IllegalArgumentException e) {
            err.println("shuttle listen: " + e.getMessage());
            err.print(HELP);
            return Main.USAGE;
        }
        Server server;
        try {
            ServerOptions.Builder options = ServerOptions.builder()
                    .errorHandler(error -> err.println("shuttle listen: " + error.getMessage()));
            if (line.value("--cert") != null) {
                Path cert = Path.of(line.value("--cert"));
                Path key = line.value("--key") == null ? cert : Path.of(line.value("--key"));
                options.tls(TlsServerOptions.builder().certificate(cert, key).build());
            } else if (uri.regionMatches(true, 0, "tls://", 0, 6)) {
                options.tls(TlsServerOptions.builder().certificate(selfSigned()).build());
            }
            server = Server.listen(uri, options.build());
        } catch (IllegalArgumentException e) {
            err.println("shuttle listen: " + e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("shuttle listen: " + e.getMessage());
            return Main.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shuttle-shutdown"));
        err.println("Listening on " + server.address());
        ConnectionHandler serve = line.has("--stdout") ? this::print : ListenCommand::echo;
        boolean verbose = line.has("-v", "--verbose");
        ConnectionHandler handler = connection -> {
            if (verbose) {
                err.println("Connection from " + connection.remoteAddress()
                        + (connection.unwrap(javax.net.ssl.SSLSession.class).isPresent() ? ": " + TlsSummary.of(connection) : ""));
            }
            serve.handle(connection);
        };
        try {
            server.serve(handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** A development certificate, written to a PEM file that clients can trust with --cafile. */
    private TlsCertificate selfSigned() throws IOException {
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1", "::1");
        Path pem = Files.createTempFile("shuttle-self-signed-", ".pem");
        pem.toFile().deleteOnExit();
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.chain().getFirst().getEncoded());
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException("cannot write the self-signed certificate", e);
        }
        err.println("No --cert given: serving a self-signed certificate for localhost, 127.0.0.1 and ::1;"
                + " clients can trust it with --cafile " + pem);
        return certificate;
    }

    private static void echo(Connection connection) throws IOException {
        connection.input().transferTo(connection.output());
    }

    private void print(Connection connection) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = connection.input().read(buffer)) >= 0) {
            synchronized (out) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }
}
