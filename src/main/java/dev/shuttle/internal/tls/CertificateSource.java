package dev.shuttle.internal.tls;

import dev.shuttle.tls.TlsCertificate;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a {@link TlsCertificate} was read from, with what opens them, so that a server can
 * read them again to reload its certificate. The passphrase or password is a copy, kept for as
 * long as the certificate.
 *
 * @param chain the certificate chain file (PEM), or the PKCS#12 file
 * @param key the private key file (PEM), or {@code null} for PKCS#12
 * @param secret the key's passphrase or the PKCS#12 password, or {@code null}
 */
public record CertificateSource(Path chain, Path key, char[] secret) {

    /** {@return the files, the chain first} */
    public List<Path> files() {
        return key == null || key.equals(chain) ? List.of(chain) : List.of(chain, key);
    }

    /**
     * {@return the certificate as the files hold it now}
     *
     * @throws IllegalArgumentException naming the file and the fault
     */
    public TlsCertificate read() {
        return key == null ? TlsCertificate.fromPkcs12(chain, secret) : TlsCertificate.fromPem(chain, key, secret);
    }

    @Override
    public String toString() {
        return "CertificateSource" + files();
    }
}
