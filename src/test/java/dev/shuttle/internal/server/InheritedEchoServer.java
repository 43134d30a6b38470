package dev.shuttle.internal.server;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsServerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child program for {@link InheritedChannelTest}: serves on the listening socket it inherited as
 * standard input, prints the server's address, echoes one line to one client, then closes; over
 * TLS when given a certificate.
 */
public final class InheritedEchoServer {
    private InheritedEchoServer() {}

    /**
     * Runs the server.
     *
     * @param args none, or a PKCS #12 file (password {@code changeit}) to serve TLS with
     * @throws Exception anything, which fails the child and so the test
     */
    public static void main(String[] args) throws Exception {
        ServerOptions options = args.length == 0 ? ServerOptions.defaults() : ServerOptions.builder()
                .tls(TlsServerOptions.builder().certificate(TlsCertificate.fromPkcs12(Path.of(args[0]), "changeit".toCharArray())).build())
                .build();
        try (Server server = Server.inherited(options)) {
            System.out.println(server.address());
            System.out.flush();
            server.serve(connection -> {
                BufferedReader reader = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
                String line = reader.readLine();
                connection.output().write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                server.close();
            });
        }
    }
}
