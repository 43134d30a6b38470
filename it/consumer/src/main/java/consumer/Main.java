package consumer;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import java.nio.charset.StandardCharsets;

/**
 * Uses Shuttle as an application does: an echo server over TLS on loopback, reached by name
 * through the default connector (Shuttle's DNS resolver, which is dnsjava, which logs through
 * SLF4J). Prints one line saying how it ran; anything on standard error is a failure.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1", "::1");
        ServerOptions options = ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(certificate).build())
                .build();
        try (Server server = Server.listen("tls://127.0.0.1:0", options)) {
            Thread serving = Thread.ofVirtual().start(() -> serveEcho(server));
            Connector connector = Connector.create(ConnectorOptions.builder()
                    .tls(TlsOptions.builder().trustCertificates(certificate.chain()).build())
                    .build());
            String reply;
            try (Connection connection = connector.connect("tls://localhost:" + server.address().port())) {
                connection.output().write("ping".getBytes(StandardCharsets.US_ASCII));
                reply = new String(connection.input().readNBytes(4), StandardCharsets.US_ASCII);
            }
            server.close();
            serving.join();
            Module shuttle = Connector.class.getModule();
            System.out.println("reply=" + reply
                    + " shuttle=" + (shuttle.isNamed() ? "module " + shuttle.getName() : "class path")
                    + " jfr=" + ModuleLayer.boot().findModule("jdk.jfr").isPresent());
        }
    }

    private static void serveEcho(Server server) {
        try {
            server.serve(connection -> connection.input().transferTo(connection.output()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
