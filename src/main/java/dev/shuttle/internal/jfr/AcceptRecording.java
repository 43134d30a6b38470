package dev.shuttle.internal.jfr;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JDK Flight Recorder event of each connection a server accepts, and of each accept that
 * failed. It costs a flag check when no recording runs.
 */
public final class AcceptRecording {
    private AcceptRecording() {}

    /** Records a connection the server accepted. */
    public static void accepted(Endpoint server, Connection client) {
        if (!FlightRecorder.AVAILABLE) {
            return;
        }
        Accept event = new Accept();
        if (event.isEnabled()) {
            event.server = server.toString();
            event.client = client.remoteAddress().toString();
            event.commit();
        }
    }

    /** Records an accept that failed; the server goes on. */
    public static void failed(Endpoint server, Throwable failure) {
        if (!FlightRecorder.AVAILABLE) {
            return;
        }
        Accept event = new Accept();
        if (event.isEnabled()) {
            event.server = server.toString();
            event.failure = String.valueOf(failure.getMessage());
            event.commit();
        }
    }

    @Name("dev.shuttle.Accept")
    @Label("Accept")
    @Category({"Shuttle", "Server"})
    @Description("A connection accepted by a Shuttle server, or an accept that failed")
    @StackTrace(false)
    static final class Accept extends Event {
        @Label("Server")
        String server;

        @Label("Client")
        String client;

        @Label("Failure")
        String failure;
    }
}
