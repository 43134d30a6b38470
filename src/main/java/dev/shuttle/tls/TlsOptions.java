package dev.shuttle.tls;

import dev.shuttle.internal.tls.OptionChecks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Arrays;

/**
 * Options of a TLS client: whom to trust, which protocols, ALPN, a client certificate, the
 * handshake timeout. What it shares with a server's {@link TlsServerOptions} (trust, protocols,
 * ALPN, the handshake timeout) is set and read through {@link TlsSettings}.
 *
 * <p>Secure by default: the server's certificate chain is verified against the JDK's default
 * trust store and its name against the host asked for; TLS 1.3 and 1.2 only; a 10 second
 * handshake timeout; TLS 1.2 session resumption on. Immutable; build with {@link #builder()} or
 * vary with {@link #toBuilder()}. Builders are not thread-safe.
 *
 * <p>Verification refuses, with an {@link javax.net.ssl.SSLHandshakeException} naming the reason,
 * a certificate that is expired or not yet valid, untrusted (self-signed, an unknown root, a
 * missing intermediate), signed with SHA-1, MD5 or DSA below the trust anchor, holding an RSA key
 * under 2048 bits or an EC key under 256 bits, or not issued for the host. Names are matched as
 * RFC 6125 and browsers do: subject alternative names only (the subject's CN is never used), an IP
 * address only against IP address names, a wildcard only as the whole left-most label, for one
 * label, and never directly under a public suffix ({@code *.com}, {@code *.co.uk}). Handshake
 * signatures with SHA-1 or DSA are neither offered nor accepted. Revocation (OCSP, CRLs) is
 * <em>not</em> checked: see the README for what to do instead. Only
 * {@link Builder#insecureTrustAllCertificates()} turns verification off.
 *
 * {@snippet :
 * TlsOptions options = TlsOptions.builder()
 *         .trustPem(Path.of("ca.pem"))
 *         .applicationProtocols("h2", "http/1.1")
 *         .build();
 * try (Connection connection = Connector.tls(options).connect("tls://192.0.2.7:443")) {
 *     // ...
 * }
 * }
 */
public final class TlsOptions extends TlsSettings {
    private static final TlsOptions DEFAULTS = builder().build();

    private final boolean insecureTrustAll;
    private final TlsCertificate clientCertificate;
    private final boolean sessionResumption;
    private final String serverName;

    private TlsOptions(Builder builder) {
        super(builder);
        this.insecureTrustAll = builder.insecureTrustAll;
        this.clientCertificate = builder.clientCertificate;
        this.sessionResumption = builder.sessionResumption;
        this.serverName = builder.serverName;
    }

    /** {@return the defaults: JDK trust store, hostname verification, TLS 1.3 and 1.2, 10 s handshake timeout} */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder builder = new Builder().copy(this);
        builder.insecureTrustAll = insecureTrustAll;
        builder.clientCertificate = clientCertificate;
        builder.sessionResumption = sessionResumption;
        builder.serverName = serverName;
        return builder;
    }

    /** {@return whether certificate and hostname verification are switched off (insecure)} */
    public boolean isInsecureTrustAll() {
        return insecureTrustAll;
    }

    /** {@return the certificate presented when the server asks for one, if any} */
    public Optional<TlsCertificate> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    /** {@return whether TLS 1.2 sessions are resumed on later connections to the same host and port} */
    public boolean sessionResumption() {
        return sessionResumption;
    }

    /**
     * {@return the trust manager these options verify servers' certificates with: the same
     * anchors (the trusted certificates, PEM file or store, else the JDK's default trust store),
     * built once per options object} For client libraries that take one next to a socket
     * factory, so they need no second trust set-up:
     *
     * {@snippet :
     * TlsOptions tls = TlsOptions.builder().trustPem(Path.of("ca.pem")).build();
     * OkHttpClient client = new OkHttpClient.Builder()
     *         .sslSocketFactory(ShuttleSslSocketFactory.create(tls), tls.trustManager())
     *         .build();
     * }
     *
     * <p>It is an {@link javax.net.ssl.X509ExtendedTrustManager}: given the handshake's socket or
     * engine, it verifies the chain against the anchors and the certificate against the host
     * name of that handshake. The two-argument {@code checkServerTrusted}, which has no host name,
     * refuses every chain: hostname verification is never skipped silently. With
     * {@link Builder#insecureTrustAllCertificates()} it trusts anything.
     *
     * @throws IllegalArgumentException if the trust store cannot be used
     */
    public javax.net.ssl.X509TrustManager trustManager() {
        return dev.shuttle.internal.tls.TrustManagers.of(this);
    }

    /** {@return the name sent in SNI and verified instead of the URI's host, if one was set} */
    public Optional<String> serverName() {
        return Optional.ofNullable(serverName);
    }

    @Override
    public String toString() {
        String trust = insecureTrustAll ? "INSECURE-TRUST-ALL"
                : Objects.requireNonNullElse(trustDescription(), "JDK default");
        return "TlsOptions[trust=" + trust + ", " + sharedDescription()
                + ", clientCertificate=" + clientCertificate
                + ", sessionResumption=" + sessionResumption + ", serverName=" + serverName + "]";
    }



    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                sharedValues(),
                insecureTrustAll,
                clientCertificate,
                sessionResumption,
                serverName);
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TlsOptions that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    /** Builds {@link TlsOptions}. Not thread-safe. */
    public static final class Builder extends TlsSettings.Builder<Builder> {
        private boolean insecureTrustAll;
        private TlsCertificate clientCertificate;
        private boolean sessionResumption = true;
        private String serverName;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        @Override
        void trustChosen() {
            insecureTrustAll = false;
        }

        /**
         * <strong>Insecure:</strong> accepts any certificate for any name, so that anyone on the
         * path can read and change the traffic. For tests and diagnostics only. Defaults to off:
         * the chain and the hostname are verified.
         *
         * @return this builder
         */
        public Builder insecureTrustAllCertificates() {
            this.insecureTrustAll = true;
            return this;
        }

        /**
         * Presents a certificate when the server asks for one (mutual TLS). Defaults to none.
         *
         * @param certificate the chain and key, or {@code null} for none
         * @return this builder
         */
        public Builder clientCertificate(TlsCertificate certificate) {
            this.clientCertificate = certificate;
            return this;
        }

        /**
         * Turns TLS 1.2 session resumption on or off: a later connection from the same connector
         * to the same host and port resumes the session, skipping the certificate exchange.
         * Defaults to {@code true}.
         *
         * @param on whether sessions are resumed
         * @return this builder
         */
        public Builder sessionResumption(boolean on) {
            this.sessionResumption = on;
            return this;
        }

        /**
         * Sends this name in SNI and verifies the server's certificate against it, instead of the
         * host of the URI. Needed for {@code unix://} URIs, which have no host. Defaults to none:
         * the URI's host is used.
         *
         * @param name a hostname or IP address, or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException if the name is empty, or is not a hostname or IP address
         *     as a URI's host must be (no invisible characters, no numeric spelling of an IPv4
         *     address other than the dotted quad); the message names it
         */
        public Builder serverName(String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("serverName must not be blank");
            }
            if (name != null) {
                OptionChecks.checkServerName(name);
            }
            this.serverName = name;
            return this;
        }

        /** {@return the options} */
        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
