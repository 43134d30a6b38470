package dev.shuttle.internal.server.serve;

import dev.shuttle.tls.TlsCertificate;
import java.util.List;

/**
 * What a TLS server's {@link ConnectionSetup} offers to replace its certificates while it serves
 * ({@code Server.reloadCertificates}).
 */
public interface CertificateReload {
    /**
     * Rereads the certificates from their files.
     *
     * @throws IllegalArgumentException naming the file and the fault; nothing changed then
     */
    void reload();

    /**
     * Replaces the certificates.
     *
     * @param certificates the new ones, the default first
     * @throws IllegalArgumentException if there are none
     */
    void replace(List<TlsCertificate> certificates);
}
