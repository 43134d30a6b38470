package dev.shuttle.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Shuttle server whose PROXY header is optional for its trusted sources (loopback), with HAProxy
 * ({@code send-proxy} and {@code send-proxy-v2}, from 127.0.0.2) in front of it and clients
 * connecting to it directly as well: both kinds are served, the first as the original client, the
 * second as themselves, with their bytes intact.
 */
class HaproxyOptionalHeaderIT {
    /**
     * What the server reported, shown when a direct client is not served. Not asserted empty:
     * HAProxy resets a backend connection whose client left early (the start-up probe's).
     */
    private static final BlockingQueue<Throwable> ERRORS = new LinkedBlockingQueue<>();

    private static Server server;
    private static Thread serving;
    private static HaproxyInFront haproxy;

    @BeforeAll
    static void start() throws IOException {
        server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .proxyProtocol(ProxyProtocol.builder().trust("127.0.0.0/8").headerOptional(true).build())
                .errorHandler(ERRORS::add)
                .build());
        serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    String line = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.US_ASCII))
                            .readLine();
                    String header = connection.unwrap(ProxyHeader.class)
                            .map(h -> "v" + h.version() + " from " + h.proxy().host()).orElse("no header");
                    connection.output().write((connection.remoteAddress() + " " + header + " said " + line + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        haproxy = HaproxyInFront.start(server.address().port(), "", "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        server.close();
        serving.join(10_000);
    }

    /** Says a line to the port and returns the client's own address and the answer. */
    private static String[] say(int port, String line) throws IOException {
        try (Connection connection = Connector.tcp().connect("tcp://127.0.0.1:" + port)) {
            connection.setReadTimeout(Duration.ofSeconds(10));
            connection.output().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            connection.output().flush();
            String answer = new String(connection.input().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return new String[] {connection.localAddress().toString(), answer};
        }
    }

    @Test
    void clientsThroughHaproxyAreTheOriginalClientAndDirectOnesThemselves() throws IOException {
        String[] v1 = say(haproxy.port(), "hello");
        assertEquals(v1[0] + " v1 from 127.0.0.2 said hello", v1[1], haproxy.log());
        String[] v2 = say(haproxy.v2Port(), "hello again");
        assertEquals(v2[0] + " v2 from 127.0.0.2 said hello again", v2[1], haproxy.log());
        for (String line : new String[] {"GET / HTTP/1.0", "PROPFIND /dav", "PROXIMITY", "PROXY", "Q"}) {
            String[] direct = say(server.address().port(), line);
            assertEquals(direct[0] + " no header said " + line, direct[1], "server errors: " + ERRORS);
        }
    }
}
