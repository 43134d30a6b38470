package dev.shuttle.internal.server.serve;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Server;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Interrupts and pauses meeting threads blocked in accept. */
@NetworkTest
class AcceptInterruptsTest {

    private static boolean inAcceptCall(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().contains("ServerSocket") && frame.getMethodName().contains("accept")
                    || frame.getClassName().contains("NioSocketImpl") && frame.getMethodName().contains("accept")) {
                return true;
            }
        }
        return false;
    }

    private static Thread acceptInto(Server server, List<Object> outcomes) {
        return Thread.ofVirtual().start(() -> {
            try {
                outcomes.add(server.accept());
            } catch (IOException e) {
                outcomes.add(e);
            }
        });
    }

    @Test
    void interruptingAThreadInAcceptClosesTheServerAndSaysSo() throws Exception {
        Server server = Server.listen("tcp://127.0.0.1:0");
        try (server) {
            List<Object> outcomes = new CopyOnWriteArrayList<>();
            Thread accepting = acceptInto(server, outcomes);
            await().until(() -> inAcceptCall(accepting));
            accepting.interrupt();
            assertTrue(accepting.join(Duration.ofSeconds(5)));
            SocketException e = assertInstanceOf(SocketException.class, outcomes.getFirst());
            assertEquals("Server " + server.address() + " is closed", e.getMessage());
            assertFalse(server.isOpen(), "the JDK closed the listener, so the server is closed");
            AtomicReference<Throwable> serveOutcome = new AtomicReference<>();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    server.serve(connection -> {});
                } catch (Throwable t) {
                    serveOutcome.set(t);
                }
            });
            assertTrue(serving.join(Duration.ofSeconds(5)), "serve on a closed server returns at once");
        }
    }

    @Test
    void anInterruptWhilePausedThrowsAndKeepsTheServer() throws Exception {
        try (Server server = Server.listen("tcp://127.0.0.1:0")) {
            server.pause();
            List<Object> outcomes = new CopyOnWriteArrayList<>();
            Thread accepting = acceptInto(server, outcomes);
            await().until(() -> accepting.getState() == Thread.State.WAITING);
            accepting.interrupt();
            assertTrue(accepting.join(Duration.ofSeconds(5)));
            assertInstanceOf(InterruptedIOException.class, outcomes.getFirst());
            assertTrue(server.isOpen());
        }
    }

    @Test
    void closeClosesEveryConnectionHeldBackByAPause() throws Exception {
        AcceptLoopServer server = (AcceptLoopServer) Server.listen("tcp://127.0.0.1:0");
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        List<Connection> clients = new ArrayList<>();
        try {
            Thread first = acceptInto(server, outcomes);
            Thread second = acceptInto(server, outcomes);
            await().until(() -> inAcceptCall(first) && inAcceptCall(second));
            server.pause();
            clients.add(Connector.tcp().connect(server.address().toString()));
            clients.add(Connector.tcp().connect(server.address().toString()));
            await().until(() -> server.heldBack() == 2);
            server.close();
            assertTrue(first.join(Duration.ofSeconds(5)) && second.join(Duration.ofSeconds(5)));
            for (Connection client : clients) {
                client.setReadTimeout(Duration.ofSeconds(5));
                assertEquals(-1, client.input().read(), "the held-back connection was closed");
            }
        } finally {
            clients.forEach(Connection::close);
            server.close();
        }
    }
}
