package dev.shuttle.internal.server.serve;

import dev.shuttle.Connection;
import java.io.IOException;

/**
 * A step a {@link AcceptLoopServer} runs on each accepted connection before handing it on, such as
 * the TLS server handshake. It runs on the connection's own virtual thread under
 * {@code serve}, and on the caller's thread under {@code accept}, never in the accept loop.
 */
@FunctionalInterface
public interface ConnectionSetup {
    /** Hands the accepted connection on as it is. */
    ConnectionSetup NONE = accepted -> accepted;

    /**
     * Prepares an accepted connection.
     *
     * @param accepted the connection as accepted; owned by this call, closed on failure
     * @return the connection to hand on (may be {@code accepted} itself)
     * @throws IOException if the connection cannot be used; the server reports it and keeps serving
     */
    Connection prepare(Connection accepted) throws IOException;

    /** {@return how many TLS handshakes this setup completed; 0 for a setup without TLS} */
    default long completedHandshakes() {
        return 0;
    }

    /** {@return how the certificates of a TLS setup are replaced, or {@code null} for a setup without TLS} */
    default CertificateReload certificateReload() {
        return null;
    }
}
