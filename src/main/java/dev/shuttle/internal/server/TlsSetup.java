package dev.shuttle.internal.server;

import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.ServerListener;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.internal.server.serve.CertificateReload;
import dev.shuttle.internal.server.serve.ConnectionSetup;
import dev.shuttle.internal.server.serve.SafeServerListener;
import dev.shuttle.internal.tls.HandshakeSummaries;
import dev.shuttle.internal.tls.CertificateReloader;
import dev.shuttle.internal.tls.TlsServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The setup of a TLS server's accepted connections: the server handshake, with certificates that
 * can be replaced while it serves, and (when the options watch the certificate files) a look at
 * the files before the handshake, at most once per watch interval.
 */
final class TlsSetup implements ConnectionSetup, CertificateReload {
    private final TlsServer tls;
    private final CertificateReloader certificates;
    private final Endpoint address;
    private final Consumer<Throwable> errorHandler;
    private final ServerListener events;
    private final LongAdder handshakes = new LongAdder();

    /**
     * The TLS side of a server, built (and so its options checked) before its listener binds.
     *
     * @param tls the server side of the handshake, presenting the reloader's certificates
     * @param certificates the server's certificates
     */
    record Side(TlsServer tls, CertificateReloader certificates) {
        /**
         * {@return the TLS side for the options, or {@code null} if they have no TLS options}
         *
         * @throws IllegalArgumentException if the certificates or the client trust store cannot be used
         */
        static Side of(ServerOptions options) {
            if (options.tls().isEmpty()) {
                return null;
            }
            var tlsOptions = options.tls().get();
            CertificateReloader certificates = new CertificateReloader(tlsOptions.certificates(),
                    tlsOptions.certificateWatchInterval().orElse(null), System::nanoTime);
            return new Side(TlsServer.reloadable(tlsOptions, certificates), certificates);
        }
    }

    TlsSetup(Side side, ServerOptions options, Endpoint address) {
        this.certificates = side.certificates();
        this.tls = side.tls();
        this.address = address;
        this.errorHandler = options.errorHandler();
        this.events = SafeServerListener.of(options.listener());
    }

    @Override
    public Connection prepare(Connection accepted) throws IOException {
        certificates.checkFiles(this::reportFailedReload);
        Endpoint client = accepted.remoteAddress();
        Connection secured;
        try {
            secured = tls.handshake(accepted, address);
        } catch (IOException e) {
            events.handshakeFailed(address, client, e); // the handshake closed the connection already
            throw e;
        }
        handshakes.increment();
        try {
            HandshakeSummaries.of(secured).ifPresent(done -> events.handshakeSucceeded(address, client, done));
        } catch (RuntimeException | Error e) {
            secured.close(); // an Error from the listener: the handler never gets the connection
            throw e;
        }
        return secured;
    }

    @Override
    public long completedHandshakes() {
        return handshakes.sum();
    }

    private void reportFailedReload(IllegalArgumentException failure) {
        IllegalArgumentException report = new IllegalArgumentException("Reloading the certificates of " + address
                + " failed; it goes on with the certificates it had: " + failure.getMessage(), failure);
        try {
            errorHandler.accept(report);
        } catch (RuntimeException e) {
            // The error handler's own failure must not fail the client's handshake.
            report.addSuppressed(e);
            System.getLogger("dev.shuttle.server").log(System.Logger.Level.WARNING, report.getMessage(), report);
        }
    }

    @Override
    public CertificateReload certificateReload() {
        return this;
    }

    @Override
    public void reload() {
        certificates.reload();
    }

    @Override
    public void replace(List<TlsCertificate> replacements) {
        certificates.replace(replacements);
    }
}
