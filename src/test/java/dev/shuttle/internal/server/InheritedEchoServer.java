package dev.shuttle.internal.server;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child program for {@link InheritedChannelTest}: serves on the listening socket it inherited as
 * standard input, prints the server's address, echoes one line to one client, then closes.
 */
public final class InheritedEchoServer {
    private InheritedEchoServer() {}

    /**
     * Runs the server.
     *
     * @param args none
     * @throws Exception anything, which fails the child and so the test
     */
    public static void main(String[] args) throws Exception {
        try (Server server = Server.inherited(ServerOptions.defaults())) {
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
