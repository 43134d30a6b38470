package dev.shuttle.tls;

import dev.shuttle.internal.tls.OptionChecks;
import dev.shuttle.internal.tls.trust.PemFiles;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Arrays;

/**
 * Options of a TLS server: its certificates, client authentication, protocols, ALPN and the
 * handshake timeout. Given to {@code ServerOptions.Builder.tls} for
 * {@code Server.listen("tls://...")}, or to {@code StartTls.server}.
 *
 * <p>Several certificates may be given: the one whose names match the SNI name the client sent
 * is presented, the first one when the client sent none or none matches. Immutable; build with
 * {@link #builder()} or vary with {@link #toBuilder()}. Builders are not thread-safe.
 *
 * <p>Handshake signatures with SHA-1 or DSA are neither offered nor accepted. Client certificates,
 * when asked for, are refused if untrusted, out of their dates, signed with SHA-1, MD5 or DSA below
 * the trust anchor, or holding an RSA key under 2048 bits or an EC key under 256 bits; their
 * revocation is not checked.
 *
 * {@snippet :
 * TlsServerOptions tls = TlsServerOptions.builder()
 *         .certificate(Path.of("server.crt"), Path.of("server.key"))
 *         .build();
 * try (Server server = Server.listen("tls://127.0.0.1:8443", ServerOptions.builder().tls(tls).build())) {
 *     server.serve(connection -> connection.input().transferTo(connection.output()));
 * }
 * }
 */
public final class TlsServerOptions {
    private final List<TlsCertificate> certificates;
    private final ClientAuth clientAuth;
    private final List<X509Certificate> trustedCertificates;
    private final Path trustPem;
    private final KeyStore trustStore;
    private final boolean trustJdkDefaultTrustStore;
    private final List<String> protocols;
    private final List<String> applicationProtocols;
    private final Duration handshakeTimeout;
    private final Duration certificateWatchInterval;

    private TlsServerOptions(Builder builder) {
        this.certificates = List.copyOf(builder.certificates);
        this.clientAuth = builder.clientAuth;
        this.trustedCertificates = builder.trustedCertificates;
        this.trustPem = builder.trustPem;
        this.trustStore = builder.trustStore;
        this.trustJdkDefaultTrustStore = builder.trustJdkDefaultTrustStore;
        this.protocols = builder.protocols;
        this.applicationProtocols = builder.applicationProtocols;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.certificateWatchInterval = builder.certificateWatchInterval;
    }

    /** Whether the server asks clients for a certificate. */
    public enum ClientAuth {
        /** Does not ask for a client certificate (the default). */
        NONE,
        /** Asks for one; a client without one is still served, one with an untrusted one is refused. */
        WANTED,
        /** Requires a certificate the server trusts; a client without one is refused. */
        REQUIRED
    }

    /** {@return a builder with no certificate and the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.certificates.addAll(certificates);
        builder.clientAuth = clientAuth;
        builder.trustedCertificates = trustedCertificates;
        builder.trustPem = trustPem;
        builder.trustStore = trustStore;
        builder.trustJdkDefaultTrustStore = trustJdkDefaultTrustStore;
        builder.protocols = protocols;
        builder.applicationProtocols = applicationProtocols;
        builder.handshakeTimeout = handshakeTimeout;
        builder.certificateWatchInterval = certificateWatchInterval;
        return builder;
    }

    /** {@return the certificates, the default one first} */
    public List<TlsCertificate> certificates() {
        return certificates;
    }

    /** {@return whether client certificates are asked for} */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** {@return the CA certificates trusted for client certificates, read from PEM; empty when not given} */
    public List<X509Certificate> trustedCertificates() {
        return trustedCertificates;
    }

    /** {@return the PEM file given to {@link Builder#trustPem(Path)}, if any} */
    public Optional<Path> trustPem() {
        return Optional.ofNullable(trustPem);
    }

    /** {@return the key store trusted for client certificates, if one was given} */
    public Optional<KeyStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** {@return whether client certificates are checked against the JDK's default trust store} */
    public boolean trustsJdkDefaultTrustStore() {
        return trustJdkDefaultTrustStore;
    }

    /** {@return the protocol versions accepted} */
    public List<String> protocols() {
        return protocols;
    }

    /** {@return the ALPN protocols supported, in order of preference; empty for no ALPN} */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** {@return how long a client may take to complete its handshake} */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * {@return how often a server checks its certificate files for a change, if it watches them}
     * See {@link Builder#watchCertificateFiles(Duration)}.
     */
    public Optional<Duration> certificateWatchInterval() {
        return Optional.ofNullable(certificateWatchInterval);
    }

    @Override
    public String toString() {
        String trust = trustPem != null ? trustPem.toString()
                : trustStore != null ? "key store"
                : trustJdkDefaultTrustStore ? "JDK default" : "none";
        return "TlsServerOptions[certificates=" + certificates + ", clientAuth=" + clientAuth + ", trust=" + trust
                + ", protocols=" + protocols
                + ", applicationProtocols=" + applicationProtocols + ", handshakeTimeout=" + handshakeTimeout
                + (certificateWatchInterval == null ? "" : ", certificateWatchInterval=" + certificateWatchInterval) + "]";
    }


    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                certificates,
                clientAuth,
                trustedCertificates,
                trustPem,
                trustStore,
                trustJdkDefaultTrustStore,
                protocols,
                applicationProtocols,
                handshakeTimeout,
                certificateWatchInterval);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TlsServerOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    /** Builds {@link TlsServerOptions}. Not thread-safe. */
    public static final class Builder {
        private final List<TlsCertificate> certificates = new ArrayList<>();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private List<X509Certificate> trustedCertificates = List.of();
        private Path trustPem;
        private KeyStore trustStore;
        private boolean trustJdkDefaultTrustStore;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private List<String> applicationProtocols = List.of();
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration certificateWatchInterval;

        private Builder() {}

        /**
         * Adds a certificate the server presents. The first one added is the default; the others
         * are presented to clients whose SNI name matches one of their names. At least one is
         * required.
         *
         * @param certificate the chain and key
         * @return this builder
         */
        public Builder certificate(TlsCertificate certificate) {
            certificates.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        /**
         * Adds a certificate read from PEM files now; see {@link TlsCertificate#fromPem(Path, Path)}.
         *
         * @param chain the certificate chain, the leaf first
         * @param key the unencrypted private key
         * @return this builder
         * @throws IllegalArgumentException naming the file and the fault
         */
        public Builder certificate(Path chain, Path key) {
            return certificate(TlsCertificate.fromPem(chain, key));
        }

        /**
         * Sets whether clients are asked for a certificate. Defaults to {@link ClientAuth#NONE}.
         * {@link ClientAuth#WANTED} and {@link ClientAuth#REQUIRED} need a trust source for client
         * certificates: {@link #trustPem(Path)}, {@link #trustStore(KeyStore)}, or, to accept a
         * certificate from any public CA, {@link #trustJdkDefaultTrustStore()}.
         *
         * @param clientAuth none, wanted or required
         * @return this builder
         */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * Trusts client certificates issued by the CA certificates of a PEM file, read now. There
         * is no default: asking for client certificates needs one of this,
         * {@link #trustStore(KeyStore)} or {@link #trustJdkDefaultTrustStore()}.
         *
         * @param caFile one or more PEM certificates
         * @return this builder
         * @throws IllegalArgumentException naming the file and the fault
         */
        public Builder trustPem(Path caFile) {
            Objects.requireNonNull(caFile, "trustPem");
            this.trustedCertificates = List.copyOf(PemFiles.certificates(caFile, "trusted CA file"));
            this.trustPem = caFile;
            this.trustStore = null;
            this.trustJdkDefaultTrustStore = false;
            return this;
        }

        /**
         * Trusts client certificates issued by the certificates of a key store. There is no
         * default: asking for client certificates needs one of this, {@link #trustPem(Path)} or
         * {@link #trustJdkDefaultTrustStore()}.
         *
         * @param store a loaded key store
         * @return this builder
         */
        public Builder trustStore(KeyStore store) {
            this.trustStore = Objects.requireNonNull(store, "trustStore");
            this.trustedCertificates = List.of();
            this.trustPem = null;
            this.trustJdkDefaultTrustStore = false;
            return this;
        }

        /**
         * Trusts client certificates issued by any CA of the JDK's default trust store
         * ({@code javax.net.ssl.trustStore} when set, else the JDK's {@code cacerts}, which holds
         * the public CAs of the web). Rarely what a server wants: anyone can get a certificate
         * from a public CA, so the server must check who the client is itself. A server that
         * issues its clients' certificates trusts its own CA with {@link #trustPem(Path)} or
         * {@link #trustStore(KeyStore)} instead. Off by default.
         *
         * @return this builder
         */
        public Builder trustJdkDefaultTrustStore() {
            this.trustJdkDefaultTrustStore = true;
            this.trustedCertificates = List.of();
            this.trustPem = null;
            this.trustStore = null;
            return this;
        }

        /**
         * Sets the protocol versions accepted. Defaults to {@code TLSv1.3} and {@code TLSv1.2}.
         *
         * @param protocols {@code TLSv1.3}, {@code TLSv1.2} or both
         * @return this builder
         * @throws IllegalArgumentException if empty, a name is unknown, or it is {@code TLSv1.1}
         *     or {@code TLSv1}: Shuttle supports TLS 1.2 and 1.3 only
         */
        public Builder protocols(String... protocols) {
            this.protocols = OptionChecks.protocols(protocols);
            return this;
        }

        /**
         * Sets the ALPN protocols supported, in order of preference. Defaults to none. A client
         * offering ALPN with none of them is refused ({@code no_application_protocol}).
         *
         * @param names such as {@code "h2"}, {@code "http/1.1"}
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or longer than 255 bytes
         */
        public Builder applicationProtocols(String... names) {
            this.applicationProtocols = OptionChecks.applicationProtocols(names);
            return this;
        }

        /**
         * Sets how long a client may take to complete its handshake; a slower or silent one is
         * disconnected and reported to the error handler. Defaults to 10 seconds.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = OptionChecks.handshakeTimeout(timeout);
            return this;
        }

        /**
         * Makes the server watch the files its certificates were read from
         * ({@link TlsCertificate#files()}): at most once per interval, as a handshake starts, it
         * compares their modification times and sizes, and when one changed it rereads them all,
         * as {@code Server.reloadCertificates} does, before that handshake. A file that cannot
         * be read or does not fit (a key that does not belong to its certificate, say, while a
         * renewal has written one file of two) goes to the server's
         * error handler as an
         * {@link IllegalArgumentException} naming it, once per change, and the certificates in
         * use stay. No thread is started. Defaults to none: the files are read once, and again
         * only on {@code reloadCertificates()}.
         *
         * @param interval at least one millisecond, or {@code null} not to watch
         * @return this builder
         * @throws IllegalArgumentException if shorter than one millisecond
         */
        public Builder watchCertificateFiles(Duration interval) {
            if (interval != null && interval.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("watchCertificateFiles interval must be at least 1 ms, not " + interval);
            }
            this.certificateWatchInterval = interval;
            return this;
        }

        /**
         * {@return the options}
         *
         * @throws IllegalArgumentException if no certificate was given, or client certificates
         *     are asked for with no trust source for them
         */
        public TlsServerOptions build() {
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("a TLS server needs at least one certificate: call certificate(...)");
            }
            if (clientAuth != ClientAuth.NONE && trustedCertificates.isEmpty() && trustStore == null && !trustJdkDefaultTrustStore) {
                throw new IllegalArgumentException("clientAuth(" + clientAuth + ") needs to know which CAs issue client "
                        + "certificates: call trustPem(...) or trustStore(...) with them, or trustJdkDefaultTrustStore() to "
                        + "accept a certificate from any CA of the JDK's default trust store");
            }
            return new TlsServerOptions(this);
        }
    }
}
