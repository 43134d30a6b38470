package dev.shuttle.tls;

import dev.shuttle.internal.tls.OptionChecks;
import dev.shuttle.internal.tls.trust.PemFiles;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the two ends of TLS share: the certificates the peer's chain is verified against, the
 * protocol versions, ALPN and the handshake timeout. {@link TlsOptions} (a client) and
 * {@link TlsServerOptions} (a server) are its only kinds; each adds what belongs to its end. The
 * shared settings are set, checked and compared in one place, here, so both ends read them the
 * same way.
 *
 * <p>Immutable; see each kind for its defaults and builder.
 */
public abstract sealed class TlsSettings permits TlsOptions, TlsServerOptions {
    private final List<X509Certificate> trustedCertificates;
    private final Path trustPem;
    private final KeyStore trustStore;
    private final List<String> protocols;
    private final List<String> applicationProtocols;
    private final Duration handshakeTimeout;

    TlsSettings(Builder<?> builder) {
        this.trustedCertificates = builder.trustedCertificates;
        this.trustPem = builder.trustPem;
        this.trustStore = builder.trustStore;
        this.protocols = builder.protocols;
        this.applicationProtocols = builder.applicationProtocols;
        this.handshakeTimeout = builder.handshakeTimeout;
    }

    /**
     * {@return the certificates trusted through {@link Builder#trustPem(Path)} or
     * {@link Builder#trustCertificates(List)}; empty when none were given}
     */
    public final List<X509Certificate> trustedCertificates() {
        return trustedCertificates;
    }

    /** {@return the PEM file given to {@link Builder#trustPem(Path)}, if any} */
    public final Optional<Path> trustPem() {
        return Optional.ofNullable(trustPem);
    }

    /** {@return the key store given to {@link Builder#trustStore(KeyStore)}, if any} */
    public final Optional<KeyStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** {@return the protocol versions this end accepts, such as {@code [TLSv1.3, TLSv1.2]}} */
    public final List<String> protocols() {
        return protocols;
    }

    /** {@return the ALPN protocols, in order of preference; empty for no ALPN} */
    public final List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** {@return how long a handshake may take in all} */
    public final Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@return the shared settings, in declaration order: part of what each kind's {@code equals} compares} */
    final List<Object> sharedValues() {
        return Arrays.asList(
                trustedCertificates,
                trustPem,
                trustStore,
                protocols,
                applicationProtocols,
                handshakeTimeout);
    }

    /** {@return the trust source in a few words for {@code toString}, or {@code null} when none was given} */
    final String trustDescription() {
        if (trustPem != null) {
            return trustPem.toString();
        }
        if (!trustedCertificates.isEmpty()) {
            return trustedCertificates.size() == 1 ? "1 certificate" : trustedCertificates.size() + " certificates";
        }
        return trustStore != null ? "key store" : null;
    }

    /** {@return the shared settings for {@code toString}, after the trust: protocols, ALPN, handshake timeout} */
    final String sharedDescription() {
        return "protocols=" + protocols + ", applicationProtocols=" + applicationProtocols
                + ", handshakeTimeout=" + handshakeTimeout;
    }

    /**
     * Sets what both ends of TLS share. Each setter returns the builder of the kind it was called
     * on, so calls chain as usual. Not thread-safe.
     *
     * @param <B> the kind's builder
     */
    public abstract static sealed class Builder<B extends Builder<B>> permits TlsOptions.Builder, TlsServerOptions.Builder {
        private List<X509Certificate> trustedCertificates = List.of();
        private Path trustPem;
        private KeyStore trustStore;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private List<String> applicationProtocols = List.of();
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        Builder() {}

        /** {@return this builder, as its kind} */
        abstract B self();

        /** Called when a trust source is chosen, so a kind can forget a source of its own. */
        void trustChosen() {}

        /** Copies the shared settings of {@code settings} into this builder. */
        final B copy(TlsSettings settings) {
            trustedCertificates = settings.trustedCertificates;
            trustPem = settings.trustPem;
            trustStore = settings.trustStore;
            protocols = settings.protocols;
            applicationProtocols = settings.applicationProtocols;
            handshakeTimeout = settings.handshakeTimeout;
            return self();
        }

        /** Forgets every trust source this class holds. */
        final void clearTrust() {
            trustedCertificates = List.of();
            trustPem = null;
            trustStore = null;
        }

        /** {@return whether a trust source of this class was chosen} */
        final boolean hasTrust() {
            return !trustedCertificates.isEmpty() || trustStore != null;
        }

        /**
         * Verifies the peer's certificate chain against the CA certificates of a PEM file, read
         * now: the server's chain for a client (instead of the JDK's trust store), a client's
         * chain for a server that asks for one. Replaces any other trust source.
         *
         * @param caFile one or more PEM certificates
         * @return this builder
         * @throws IllegalArgumentException naming the file and the fault, if it cannot be read or
         *     holds no certificate
         */
        public final B trustPem(Path caFile) {
            Objects.requireNonNull(caFile, "trustPem");
            List<X509Certificate> certificates = List.copyOf(PemFiles.certificates(caFile, "trusted CA file"));
            clearTrust();
            trustChosen();
            this.trustedCertificates = certificates;
            this.trustPem = caFile;
            return self();
        }

        /**
         * Verifies the peer's certificate chain against these certificates (CAs, or a peer's
         * self-signed certificate). Replaces any other trust source.
         *
         * @param certificates at least one
         * @return this builder
         * @throws IllegalArgumentException if the list is empty
         */
        public final B trustCertificates(List<X509Certificate> certificates) {
            Objects.requireNonNull(certificates, "trustCertificates");
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("trustCertificates needs at least one certificate");
            }
            List<X509Certificate> copy = List.copyOf(certificates);
            clearTrust();
            trustChosen();
            this.trustedCertificates = copy;
            return self();
        }

        /**
         * Verifies the peer's certificate chain against the certificate entries of a key store.
         * Replaces any other trust source.
         *
         * @param store a loaded key store whose certificate entries are trusted
         * @return this builder
         */
        public final B trustStore(KeyStore store) {
            Objects.requireNonNull(store, "trustStore");
            clearTrust();
            trustChosen();
            this.trustStore = store;
            return self();
        }

        /**
         * Sets the protocol versions accepted. Defaults to {@code TLSv1.3} and {@code TLSv1.2}.
         *
         * @param protocols {@code TLSv1.3}, {@code TLSv1.2} or both
         * @return this builder
         * @throws IllegalArgumentException if empty, a name is unknown, or it is {@code TLSv1.1}
         *     or {@code TLSv1}: Shuttle supports TLS 1.2 and 1.3 only
         */
        public final B protocols(String... protocols) {
            this.protocols = OptionChecks.protocols(protocols);
            return self();
        }

        /**
         * Sets the ALPN protocols, in order of preference: those a client offers, or those a
         * server supports (a client offering ALPN with none of them is refused with
         * {@code no_application_protocol}). Defaults to none (no ALPN).
         *
         * @param names such as {@code "h2"}, {@code "http/1.1"}
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or longer than 255 bytes
         */
        public final B applicationProtocols(String... names) {
            this.applicationProtocols = OptionChecks.applicationProtocols(names);
            return self();
        }

        /**
         * Sets how long a handshake may take in all, from its first byte to its last; a slower
         * one fails with {@link java.net.SocketTimeoutException} on a client, is disconnected and
         * reported to the error handler on a server, and its socket is closed. Defaults to
         * 10 seconds.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public final B handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = OptionChecks.handshakeTimeout(timeout);
            return self();
        }
    }
}
