package dev.shuttle.internal.cli;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.proxy.ProxyConnectors;
import dev.shuttle.proxy.ProxyOptions;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.Scheme;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.uri.DatagramScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSession;

/**
 * {@code shuttle connect URI}: standard input to the connection, the connection to standard
 * output. End of input half-closes the connection; the command ends once both directions have.
 */
final class ConnectCommand {
    static final String HELP = """
            Usage: shuttle connect [options] URI

            Opens a connection to URI, sends standard input to it and copies what the peer sends to
            standard output. At end of input it half-closes the connection (TLS: close_notify) and
            goes on reading; it exits once the peer has closed too.

              URI                    tcp://host:port, tls://host:port (a name or an IP address; IPv6
                                     in brackets) or unix:///absolute/path
              -4, -6                 IPv4 or IPv6 addresses only (default: both, raced)
              --connect-timeout DUR  give up connecting after DUR (default 10s); DUR is 500ms, 10s,
                                     2m or a number of seconds
              --read-timeout DUR     fail when the peer sends nothing for DUR (default: wait for ever)
              --write-timeout DUR    fail when the peer reads nothing for DUR (default: wait for ever)
              --cafile FILE          tls://: trust the CA certificates of this PEM file instead of the
                                     JDK's trust store
              --cert FILE            tls://: present this PEM client certificate chain
              --key FILE             tls://: the PEM private key of --cert (default: the --cert file)
              --alpn LIST            tls://: offer these ALPN protocols, comma-separated (h2,http/1.1)
              --insecure             tls://: INSECURE: accept any certificate for any name (says so on
                                     standard error)
              --proxy URI            connect through a proxy: socks5://[user:pass@]host:port,
                                     socks4a://host:port, http://[user:pass@]host:port or
                                     https://...; TLS to a tls:// URI runs end to end through it
              -v, --verbose          print a timeline to standard error: DNS answers, connection
                                     attempts, the TLS session (protocol, cipher suite, ALPN, peer
                                     certificate), end of input and of the peer's data
              -h, --help             show this help

            Exit status: 0 both directions ended, 1 a connection or I/O failure (refused, timed out,
            reset, certificate not trusted), 2 bad usage.
            """;

    private static final Set<String> FLAGS = Set.of("-h", "--help", "--insecure", "-v", "--verbose", "-4", "-6");
    private static final Set<String> VALUED = Set.of("--cafile", "--cert", "--key", "--alpn", "--connect-timeout",
            "--read-timeout", "--write-timeout", "--proxy");
    private static final Set<String> TLS_ONLY = Set.of("--cafile", "--cert", "--key", "--alpn", "--insecure");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private Timeline timeline;

    ConnectCommand(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(List<String> args) {
        Endpoint endpoint;
        Connector connector;
        CommandLine line;
        Duration readTimeout;
        Duration writeTimeout;
        try {
            line = CommandLine.parse(args, FLAGS, VALUED);
            if (line.has("-h", "--help")) {
                out.print(HELP);
                return Main.OK;
            }
            endpoint = Endpoint.parse(line.single("URI"));
            DatagramScheme.refuseOnTheCommandLine("connect", endpoint);
            for (String option : TLS_ONLY) {
                if (endpoint.scheme() != Scheme.TLS && (line.has(option) || line.value(option) != null)) {
                    throw new IllegalArgumentException("option '" + option + "' applies to tls:// only, not " + endpoint);
                }
            }
            AddressFamily family = AddressFamily.of(line);
            family.check(endpoint);
            readTimeout = timeout(line, "--read-timeout");
            writeTimeout = timeout(line, "--write-timeout");
            connector = connectorFor(line, family);
        } catch (IllegalArgumentException e) {
            err.println("shuttle connect: " + e.getMessage());
            err.println("Run 'shuttle connect --help' for the options.");
            return Main.USAGE;
        }
        if (line.has("--insecure")) {
            err.println("shuttle connect: WARNING: --insecure: the server's certificate and name are NOT verified;"
                    + " anyone on the path can read and change this connection");
        }
        if (timeline != null) {
            timeline.restart();
        }
        try (Connection connection = connector.connect(endpoint)) {
            if (timeline != null) {
                timeline.say("connected to " + connection.remoteAddress() + " from " + connection.localAddress());
                if (connection.unwrap(SSLSession.class).isPresent()) {
                    timeline.say(TlsSummary.of(connection));
                }
                connection.unwrap(dev.shuttle.ServiceEndpoint.class)
                        .ifPresent(service -> err.println("Service record: " + service));
            }
            if (readTimeout != null) {
                connection.setReadTimeout(readTimeout);
            }
            if (writeTimeout != null) {
                connection.setWriteTimeout(writeTimeout);
            }
            return new Pipe(connection, in, out, err, timeline, terminal).run();
        } catch (IOException e) {
            err.println("shuttle connect: " + e.getMessage());
            return Main.FAILED;
        } catch (IllegalArgumentException e) {
            err.println("shuttle connect: " + e.getMessage());
            return Main.USAGE;
        }
    }

    private static Duration timeout(CommandLine line, String option) {
        String value = line.value(option);
        if (value == null) {
            return null;
        }
        Duration timeout = DurationArgument.parse(option, value);
        return timeout.isZero() ? null : timeout;
    }

    private Connector connectorFor(CommandLine line, AddressFamily family) {
        ConnectorOptions.Builder options = ConnectorOptions.builder()
                .resolver(family.restrict(Resolver.dns()));
        if (line.value("--connect-timeout") != null) {
            Duration timeout = DurationArgument.parse("--connect-timeout", line.value("--connect-timeout"));
            options.connectTimeout(timeout.isZero() ? Duration.ofMillis(Integer.MAX_VALUE) : timeout);
        }
        if (Endpoint.parse(line.single("URI")).scheme() == Scheme.TLS) {
            options.tls(tlsOptions(line));
        }
        if (line.has("-v", "--verbose")) {
            timeline = new Timeline(err);
            options.listener(timeline);
        }
        ConnectorOptions built = options.build();
        Connector direct = Connector.create(built);
        String proxy = line.value("--proxy");
        if (proxy == null) {
            return direct;
        }
        return ProxyConnectors.through(proxy, direct, ProxyOptions.builder()
                .tls(built.tls()).connectTimeout(built.connectTimeout()).build());
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
        if (line.value("--key") != null && line.value("--cert") == null) {
            throw new IllegalArgumentException("option '--key' needs '--cert'");
        }
        if (line.value("--cert") != null) {
            Path cert = Path.of(line.value("--cert"));
            Path key = line.value("--key") == null ? cert : Path.of(line.value("--key"));
            tls.clientCertificate(TlsCertificate.fromPem(cert, key));
        }
        return tls.build();
    }
}
