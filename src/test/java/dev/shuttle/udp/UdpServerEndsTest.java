package dev.shuttle.udp;

import dev.shuttle.testing.Bounded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.udp.UdpServer;
import dev.shuttle.testing.NetworkTest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A UDP server always ends: close interrupts handlers blocked on something other than the server. */
@NetworkTest
@Timeout(60)
class UdpServerEndsTest {

    @Test
    void closeInterruptsAHandlerBlockedOnALatchAndServeReturns() throws Exception {
        java.util.List<Throwable> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        UdpServer server = UdpServer.listen("udp://127.0.0.1:0", UdpOptions.builder().errorHandler(reported::add).build());
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve((datagram, udp) -> {
                    blocked.countDown();
                    try {
                        Bounded.await(new CountDownLatch(1));
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] payload = {1};
            client.send(new DatagramPacket(payload, 1, new InetSocketAddress("127.0.0.1", server.address().port())));
            Bounded.await(blocked);
            server.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> !serving.isAlive());
            assertTrue(interrupted.get(), "the handler was interrupted");
            assertTrue(reported.isEmpty(), "a handler ended by the close's interrupt is not an error to report: " + reported);
        } finally {
            server.close();
        }
    }
}
