package dev.shuttle.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.ProxyHeader;
import dev.shuttle.ProxyProtocol;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HAProxy in front of a Shuttle server with the PROXY protocol option: {@code send-proxy} (v1)
 * and {@code send-proxy-v2} (v2, with a unique-id TLV), HAProxy connecting from 127.0.0.2, the
 * only trusted source. The server sees the original client; a client that bypasses HAProxy is
 * turned away.
 */
class HaproxySendProxyIT {
    private static final BlockingQueue<Throwable> ERRORS = new LinkedBlockingQueue<>();

    private static Server server;
    private static Thread serving;
    private static HaproxyInFront haproxy;

    @BeforeAll
    static void start() throws IOException {
        server = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder()
                .proxyProtocol(ProxyProtocol.trusting("127.0.0.2"))
                .errorHandler(ERRORS::add)
                .build());
        serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve(connection -> {
                    ProxyHeader header = connection.unwrap(ProxyHeader.class).orElseThrow();
                    String line = connection.remoteAddress() + " " + header.proxy().host() + " v" + header.version()
                            + " tlvs=" + header.tlvs().stream().map(t -> Integer.toHexString(t.type())).toList() + "\n";
                    connection.output().write(line.getBytes(StandardCharsets.US_ASCII));
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        haproxy = HaproxyInFront.start(server.address().port(), "    unique-id-format %{+X}o\\ %ci:%cp\n", "proxy-v2-options unique-id");
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        server.close();
        serving.join(10_000);
    }

    private static String ask(int port) throws IOException {
        try (Connection connection = Connector.tcp().connect("tcp://127.0.0.1:" + port)) {
            connection.setReadTimeout(Duration.ofSeconds(10));
            String line = new String(connection.input().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return connection.localAddress() + " | " + line;
        }
    }

    @Test
    void sendProxyGivesTheServerTheOriginalClient() throws IOException {
        String[] answer = ask(haproxy.port()).split(" \\| ");
        assertEquals(answer[0] + " 127.0.0.2 v1 tlvs=[]", answer[1], haproxy.log());
    }

    @Test
    void sendProxyV2GivesTheOriginalClientAndTlvs() throws IOException {
        String[] answer = ask(haproxy.v2Port()).split(" \\| ");
        assertEquals(answer[0] + " 127.0.0.2 v2 tlvs=[5]", answer[1], haproxy.log());
    }

    @Test
    void aClientBypassingHaproxyIsTurnedAwayAndReported() throws Exception {
        ERRORS.clear();
        String answer = ask(server.address().port());
        assertTrue(answer.endsWith(" | "), "nothing served: " + answer);
        ConnectException e = awaitRefusal();
        assertTrue(e.getMessage().endsWith("refused: it is not a trusted PROXY protocol source [127.0.0.2]"), e.getMessage());
        assertNotEquals(ProtocolException.class, e.getClass());
    }

    /**
     * The refusal this test caused. Other errors may still arrive from the earlier tests'
     * connections through HAProxy (a backend connection HAProxy cuts when its client has gone);
     * they are skipped, and named if the refusal never comes.
     */
    private static ConnectException awaitRefusal() throws InterruptedException {
        List<Throwable> others = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            Throwable error = ERRORS.poll(left, TimeUnit.NANOSECONDS);
            if (error instanceof ConnectException refusal) {
                return refusal;
            }
            if (error != null) {
                others.add(error);
            }
        }
        throw new AssertionError("no refusal reported within 10 s; other errors: " + others);
    }
}
