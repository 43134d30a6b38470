package dev.shuttle.internal.jfr;

import javax.net.ssl.SSLSession;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JDK Flight Recorder event of one TLS handshake, client or server side, over TCP or a Unix
 * socket: started before the handshake, written when it ends. When no recording runs it costs a
 * flag check and no allocation beyond the event object.
 */
public final class HandshakeRecording {
    private static final HandshakeRecording OFF = new HandshakeRecording(null);

    private final TlsHandshake event;

    private HandshakeRecording(TlsHandshake event) {
        this.event = event;
    }

    /**
     * Starts timing a handshake.
     *
     * @param client whether this side is the client
     * @param peer the peer as shown in messages (a URI)
     * @return the recording, to end with {@link #succeeded} or {@link #failed}
     */
    public static HandshakeRecording start(boolean client, String peer) {
        if (!FlightRecorder.AVAILABLE) {
            return OFF;
        }
        TlsHandshake event = new TlsHandshake();
        if (!event.isEnabled()) {
            return OFF;
        }
        event.begin();
        event.side = client ? "client" : "server";
        event.peer = peer;
        return new HandshakeRecording(event);
    }

    /** Writes the event of a handshake that succeeded, with what it negotiated. */
    public void succeeded(SSLSession session, String applicationProtocol) {
        if (event != null) {
            event.protocol = session.getProtocol();
            event.cipherSuite = session.getCipherSuite();
            event.applicationProtocol = applicationProtocol == null || applicationProtocol.isEmpty() ? null : applicationProtocol;
            event.commit();
        }
    }

    /** Writes the event of a handshake that failed. */
    public void failed(Throwable failure) {
        if (event != null) {
            event.failure = String.valueOf(failure.getMessage());
            event.commit();
        }
    }

    @Name("dev.shuttle.TlsHandshake")
    @Label("TLS Handshake")
    @Category({"Shuttle", "TLS"})
    @Description("One TLS handshake, as client or server, and what it negotiated or why it failed")
    @StackTrace(false)
    static final class TlsHandshake extends Event {
        @Label("Side")
        @Description("client or server")
        String side;

        @Label("Peer")
        String peer;

        @Label("Protocol")
        String protocol;

        @Label("Cipher Suite")
        String cipherSuite;

        @Label("Application Protocol")
        @Description("The ALPN protocol agreed, if any")
        String applicationProtocol;

        @Label("Failure")
        String failure;
    }
}
