package dev.shuttle.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Arrays;

/**
 * Options of a TLS server: its certificates, client authentication, protocols, ALPN and the
 * handshake timeout. What it shares with a client's {@link TlsOptions} (trust, protocols, ALPN,
 * the handshake timeout) is set and read through {@link TlsSettings}; a server trusts no one for
 * client certificates until told. Given to {@code ServerOptions.Builder.tls} for
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
public final class TlsServerOptions extends TlsSettings {
    private final List<TlsCertificate> certificates;
    private final ClientAuth clientAuth;
    private final boolean trustJdkDefaultTrustStore;
    private final Duration certificateWatchInterval;

    private TlsServerOptions(Builder builder) {
        super(builder);
        this.certificates = List.copyOf(builder.certificates);
        this.clientAuth = builder.clientAuth;
        this.trustJdkDefaultTrustStore = builder.trustJdkDefaultTrustStore;
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
        Builder builder = new Builder().copy(this);
        builder.certificates.addAll(certificates);
        builder.clientAuth = clientAuth;
        builder.trustJdkDefaultTrustStore = trustJdkDefaultTrustStore;
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

    /** {@return whether client certificates are checked against the JDK's default trust store} */
    public boolean trustsJdkDefaultTrustStore() {
        return trustJdkDefaultTrustStore;
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
        String trust = Objects.requireNonNullElse(trustDescription(), trustJdkDefaultTrustStore ? "JDK default" : "none");
        return "TlsServerOptions[certificates=" + certificates + ", clientAuth=" + clientAuth + ", trust=" + trust
                + ", " + sharedDescription()
                + (certificateWatchInterval == null ? "" : ", certificateWatchInterval=" + certificateWatchInterval) + "]";
    }


    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                certificates,
                clientAuth,
                sharedValues(),
                trustJdkDefaultTrustStore,
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
    public static final class Builder extends TlsSettings.Builder<Builder> {
        private final List<TlsCertificate> certificates = new ArrayList<>();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean trustJdkDefaultTrustStore;
        private Duration certificateWatchInterval;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        @Override
        void trustChosen() {
            trustJdkDefaultTrustStore = false;
        }

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
            clearTrust();
            this.trustJdkDefaultTrustStore = true;
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
            if (clientAuth != ClientAuth.NONE && !hasTrust() && !trustJdkDefaultTrustStore) {
                throw new IllegalArgumentException("clientAuth(" + clientAuth + ") needs to know which CAs issue client "
                        + "certificates: call trustPem(...), trustCertificates(...) or trustStore(...) with them, or trustJdkDefaultTrustStore() to "
                        + "accept a certificate from any CA of the JDK's default trust store");
            }
            return new TlsServerOptions(this);
        }
    }
}
