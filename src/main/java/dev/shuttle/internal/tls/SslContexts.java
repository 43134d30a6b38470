package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import dev.shuttle.internal.tls.trust.PemFiles;
import dev.shuttle.internal.tls.trust.SniKeyManager;
import dev.shuttle.internal.tls.trust.TrustAll;
import dev.shuttle.internal.tls.trust.VerifyingTrustManager;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds BouncyCastle JSSE {@link SSLContext}s from Shuttle's TLS options. */
public final class SslContexts {
    private SslContexts() {}

    public static SSLContext client(TlsOptions options) {
        TrustManager trust = options.isInsecureTrustAll() ? new TrustAll() : verifying(options);
        KeyManager[] keys = options.clientCertificate().map(c -> keyManagers(List.of(c))).orElse(new KeyManager[0]);
        return context(keys, trust);
    }

    public static SSLContext server(TlsServerOptions options) {
        return server(options, keyManagers(options.certificates())[0]);
    }

    /** A server context presenting the certificates of {@code keys} (a reloadable key manager) instead of the options'. */
    public static SSLContext server(TlsServerOptions options, KeyManager keys) {
        return context(new KeyManager[] {keys}, verifying(options));
    }

    /**
     * {@return the verifying trust manager of these settings' trust source (the JDK's default
     * trust store when they name none)}
     */
    public static VerifyingTrustManager verifying(TlsSettings settings) {
        return verifying(settings.trustedCertificates(), settings.trustStore().orElse(null),
                trustSource(settings.trustPem().orElse(null), settings.trustedCertificates(), settings.trustStore().isPresent()));
    }

    /**
     * {@return the trust anchors, as refusals name them: "the trusted CA file ca.pem", "the 2
     * certificates given to trustCertificates(...)", "the given trust store", "the JDK's default
     * trust store"}
     */
    public static String trustSource(Path pemFile, List<X509Certificate> anchors, boolean store) {
        if (pemFile != null) {
            return "the trusted CA file " + pemFile;
        }
        if (!anchors.isEmpty()) {
            return anchors.size() == 1 ? "the certificate given to trustCertificates(...)"
                    : "the " + anchors.size() + " certificates given to trustCertificates(...)";
        }
        return store ? "the given trust store" : "the JDK's default trust store";
    }

    private static SSLContext context(KeyManager[] keys, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS", BouncyCastle.jsse());
            context.init(keys, new TrustManager[] {trust}, BouncyCastle.random());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle JSSE cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /** {@return the verifying trust manager for these anchors (or this store, or the JDK's when both are empty)} */
    public static VerifyingTrustManager verifying(List<X509Certificate> anchors, KeyStore store, String source) {
        try {
            KeyStore trusted = store;
            if (!anchors.isEmpty()) {
                trusted = emptyStore();
                for (int i = 0; i < anchors.size(); i++) {
                    trusted.setCertificateEntry("ca-" + i, anchors.get(i));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", BouncyCastle.jsse());
            factory.init(trusted);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new VerifyingTrustManager(x509, source);
                }
            }
            throw new IllegalStateException("BouncyCastle JSSE gave no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TLS trust store cannot be used: " + PemFiles.reason(e), e);
        }
    }

    private static KeyManager[] keyManagers(List<TlsCertificate> certificates) {
        return new KeyManager[] {new SniKeyManager(certificates)};
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
