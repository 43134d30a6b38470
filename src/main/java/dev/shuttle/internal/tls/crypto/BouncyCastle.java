package dev.shuttle.internal.tls.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Shuttle's BouncyCastle provider instances, created once. They are never registered with
 * {@link java.security.Security}: the application's JCA set-up stays as it was.
 *
 * <p>The TLS protocol is BouncyCastle JSSE; its cryptography comes from whichever provider is
 * faster for each algorithm: the JDK's for AES-GCM, HMAC and SHA (on the CPU's instructions: bulk
 * transfer about ten times faster than BouncyCastle's pure-Java ciphers), ECDSA signing and RSA
 * (RSA-PSS mapped to the JDK's {@code RSASSA-PSS}); the BouncyCastle provider instance for key
 * exchange (X25519, ECDHE) and ECDSA verification; see {@link PerAlgorithmCryptoHelper}. AES-GCM
 * records are encrypted by {@link AesGcmRecordCipher}, which keeps one record buffer per
 * connection instead of BouncyCastle's new array per record. With the system property
 * {@value #BOUNCY_CASTLE_RECORDS} set to {@code true} (read once, when this class loads) they go
 * through BouncyCastle's own AES-GCM record code instead, with the same JDK cipher: a way to
 * compare the two (the jmh module's {@code TlsRecordCipherBenchmark}) and to rule Shuttle's record
 * code out when a connection misbehaves. Shuttle never sets it.
 *
 * <p>BouncyCastle JSSE logs through {@code java.util.logging}. Since 1.85 a connection that
 * succeeds is logged at {@code FINE}, but every fatal alert raised or received is still logged at
 * {@code INFO}, and an {@code internal_error} (which is what a peer that resets the connection in
 * the middle of the server's handshake flight causes) at {@code WARNING}, each with a stack trace:
 * one entry per failed handshake, which any peer can cause. Shuttle reports those failures itself
 * (an exception to the caller, or the server's error handler). Unless the application configured
 * the {@code org.bouncycastle.jsse} logger itself (a level in its {@code logging.properties}, or
 * set in code before the first TLS connection), Shuttle raises that logger's level to
 * {@code SEVERE}. To see BouncyCastle's messages, set {@code org.bouncycastle.jsse.level = INFO}
 * (or {@code FINE}) in the JUL configuration.
 */
public final class BouncyCastle {
    public static final String JSSE_LOGGER = "org.bouncycastle.jsse";
    // JUL holds loggers weakly: keep ours, or the level set on it would be lost with it.
    /**
     * BouncyCastle reads the JDK's {@code jdk.tls.disabledAlgorithms} and warns once per entry it
     * does not understand: five lines at the first TLS use that no user can act on.
     */
    public static final String CONSTRAINTS_LOGGER = "org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints";

    private static final Logger QUIETED = quietJsseLogging();
    private static final Logger QUIETED_CONSTRAINTS = quiet(CONSTRAINTS_LOGGER, java.util.logging.Level.SEVERE);
    /** The system property that hands AES-GCM records back to BouncyCastle's own record code. */
    public static final String BOUNCY_CASTLE_RECORDS = "shuttle.tls.bouncyCastleRecords";

    private static final boolean OWN_RECORD_CIPHER = !Boolean.getBoolean(BOUNCY_CASTLE_RECORDS);
    private static final Provider CRYPTO = new BouncyCastleProvider();
    private static final Provider JSSE = new BouncyCastleJsseProvider(false,
            new PerAlgorithmCryptoProvider(CRYPTO, OWN_RECORD_CIPHER));

    private BouncyCastle() {}

    /**
     * {@return a new BouncyCastle JSSE provider instance like {@link #jsse()} but with BouncyCastle's
     * own AES-GCM record code}: for comparing the two in one JVM (the jmh module's {@code TlsRatio}
     * pair {@code bcrecords}); Shuttle's connectors and servers never use it
     */
    public static Provider jsseWithBouncyCastleRecords() {
        return new BouncyCastleJsseProvider(false, new PerAlgorithmCryptoProvider(CRYPTO, false));
    }

    /** {@return the BouncyCastle JSSE provider instance: SSLContext, KeyManagerFactory, TrustManagerFactory} */
    public static Provider jsse() {
        return JSSE;
    }

    /** {@return the BouncyCastle crypto provider instance, for PEM and PKCS#12 decoding} */
    public static Provider crypto() {
        return CRYPTO;
    }

    /** {@return a new random source for {@code SSLContext.init}; BouncyCastle needs an explicit one} */
    public static SecureRandom random() {
        return new SecureRandom();
    }

    /** {@return whether Shuttle set the level of BouncyCastle's JSSE logger (it was unconfigured)} */
    public static boolean quietedLogging() {
        return QUIETED != null && QUIETED_CONSTRAINTS != null;
    }

    private static Logger quietJsseLogging() {
        return quiet(JSSE_LOGGER, java.util.logging.Level.SEVERE);
    }

    /** Sets a logger's level only if the application left it unconfigured; keeps it reachable. */
    private static Logger quiet(String name, java.util.logging.Level level) {
        Logger logger = Logger.getLogger(name);
        boolean configured = logger.getLevel() != null
                || LogManager.getLogManager().getProperty(name + ".level") != null;
        if (configured) {
            return null;
        }
        logger.setLevel(level);
        return logger;
    }

    /** BouncyCastle's JCA-based TLS crypto, asking {@link PerAlgorithmCryptoHelper} for its objects. */
    private static final class PerAlgorithmCryptoProvider extends JcaTlsCryptoProvider {
        private final JcaJceHelper helper;
        private final boolean ownRecordCipher;

        PerAlgorithmCryptoProvider(Provider bouncyCastle, boolean ownRecordCipher) {
            this.helper = new PerAlgorithmCryptoHelper(bouncyCastle);
            this.ownRecordCipher = ownRecordCipher;
        }

        @Override
        public JcaJceHelper getHelper() {
            return helper;
        }

        @Override
        public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
            if (!ownRecordCipher) {
                return super.create(keyRandom, nonceRandom);
            }
            return new RecordCipherCrypto(getHelper(), getAltHelper(), keyRandom, nonceRandom);
        }
    }
}
