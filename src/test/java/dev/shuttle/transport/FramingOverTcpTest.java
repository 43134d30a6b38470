package dev.shuttle.transport;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.frame.FrameReader;
import dev.shuttle.frame.Framing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The framing scenarios over TCP on 127.0.0.1, and a peer that resets inside a frame. */
class FramingOverTcpTest extends FramingScenarios {
    @Override
    String listenUri() {
        return "tcp://127.0.0.1:0";
    }

    @Override
    Connector connector() {
        return Connector.tcp();
    }

    @Test
    void aPeerResettingInsideAFrameFailsTheReaderForGood() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connection connection = connector().connect("tcp://127.0.0.1:" + listener.getLocalPort());
                Socket peer = listener.accept()) {
            connection.setReadTimeout(Duration.ofSeconds(20));
            // A prefix announcing 1 MiB and 10 bytes of it, then a reset (RST, not FIN).
            peer.getOutputStream().write(new byte[] {0, 0x10, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            peer.setSoLinger(true, 0);
            peer.close();
            FrameReader in = Framing.lengthPrefix(4).reader(connection);
            IOException reset = assertThrows(IOException.class, in::readFrame);
            assertInstanceOf(SocketException.class, reset, "a reset, not a clean end nor an EOF: " + reset);
            IOException again = assertThrows(IOException.class, in::readFrame);
            assertSame(reset, again.getCause());
            assertTrue(again.getMessage().startsWith("The frame reader from " + connection.remoteAddress()
                    + " failed before and cannot go on"), again.getMessage());
        }
    }
}
