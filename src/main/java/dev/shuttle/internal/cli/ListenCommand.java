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
import java.time.Duration;
import java.util.Base64;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code shuttle listen URI}: serves connections, echoing them or printing what they send. */
final class ListenCommand {
    static final String HELP = """
            Usage: shuttle listen [options] URI

            Listens on URI and serves every connection on a virtual thread of its own, echoing what
            it sends (or printing it, with --stdout). Prints 'Listening on ADDRESS' to standard
            error once ready; stops on Ctrl-C.

              URI                 tcp://ip:port (port 0 picks a free port; localhost is 127.0.0.1,
                                  or ::1 with -6), tls://ip:port or unix:///absolute/path
              -4, -6              localhost means 127.0.0.1 (-4) or [::1] (-6); an address of the
                                  other family is refused
              --cert FILE         TLS: the PEM certificate chain (for tls:// without it, a self-signed
                                  certificate for localhost is made and its PEM file named; with
                                  unix:// it serves TLS over the Unix socket)
              --key FILE          TLS: the PEM private key (PKCS#8 or PKCS#1); defaults to --cert
              --cafile FILE       TLS: require a client certificate issued by a CA of this PEM file
              --alpn LIST         TLS: the ALPN protocols to agree on, comma-separated, preferred first
              --read-timeout DUR  close a connection that sends nothing for DUR (500ms, 10s, 2m or
                                  seconds; default: never)
              --stdout            print what clients send to standard output instead of echoing it
              -v, --verbose       print each connection (and for TLS: protocol, cipher suite, ALPN,
                                  client certificate) to standard error
              -h, --help          show this help

            Exit status: 0 stopped, 1 cannot listen (address in use, unreadable key), 2 bad usage.
            """;

    private static final Set<String> FLAGS = Set.of("-h", "--help", "--stdout", "-v", "--verbose", "-4", "-6");
    private static final Set<String> VALUED = Set.of("--cert", "--key", "--cafile", "--alpn", "--read-timeout");

    private final PrintStream out;
    private final PrintStream err;

    ListenCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        CommandLine line;
        String uri;
        Duration readTimeout;
        try {
            line = CommandLine.parse(args, FLAGS, VALUED);
            if (line.has("-h", "--help")) {
                out.print(HELP);
                return Main.OK;
            }
            Endpoint endpoint = Endpoint.parseListening(line.single("URI"));
            DatagramScheme.refuseOnTheCommandLine("listen", endpoint);
            AddressFamily family = AddressFamily.of(line);
            if (family != AddressFamily.ANY && endpoint.scheme().isInternet() && endpoint.host().equals("localhost")) {
                endpoint = Endpoint.parseListening(endpoint.scheme().text() + "://"
                        + (family == AddressFamily.IPV4 ? "127.0.0.1" : "[::1]") + ":" + endpoint.port());
            }
            family.check(endpoint);
            uri = endpoint.toString();
            String timeout = line.value("--read-timeout");
            readTimeout = timeout == null ? Duration.ZERO : DurationArgument.parse("--read-timeout", timeout);
            if (line.value("--key") != null && line.value("--cert") == null) {
                throw new IllegalArgumentException("option '--key' needs '--cert'");
            }
        } catch (IllegalArgumentException e) {
            err.println("shuttle listen: " + e.getMessage());
            err.println("Run 'shuttle listen --help' for the options.");
            return Main.USAGE;
        }
        Server server;
        try {
            ServerOptions.Builder options = ServerOptions.builder()
                    .errorHandler(error -> err.println("shuttle listen: " + error.getMessage()));
            boolean tls = line.value("--cert") != null || uri.regionMatches(true, 0, "tls://", 0, 6);
            if (tls) {
                TlsServerOptions.Builder tlsOptions = TlsServerOptions.builder();
                if (line.value("--cert") != null) {
                    Path cert = Path.of(line.value("--cert"));
                    Path key = line.value("--key") == null ? cert : Path.of(line.value("--key"));
                    tlsOptions.certificate(cert, key);
                } else {
                    tlsOptions.certificate(selfSigned());
                }
                if (line.value("--cafile") != null) {
                    tlsOptions.clientAuth(TlsServerOptions.ClientAuth.REQUIRED).trustPem(Path.of(line.value("--cafile")));
                }
                if (line.value("--alpn") != null) {
                    tlsOptions.applicationProtocols(line.value("--alpn").split(","));
                }
                options.tls(tlsOptions.build());
            } else if (line.value("--cafile") != null || line.value("--alpn") != null) {
                throw new IllegalArgumentException("options '--cafile' and '--alpn' apply to TLS (tls://, or --cert) only");
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
            if (!readTimeout.isZero()) {
                connection.setReadTimeout(readTimeout);
            }
            serve.handle(connection);
            if (verbose) {
                err.println("Connection from " + connection.remoteAddress() + " ended");
            }
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

    /** Echoes until the client's end of stream; returning closes the connection. */
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
