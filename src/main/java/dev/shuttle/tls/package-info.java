/**
 * TLS settings: {@link dev.shuttle.tls.TlsOptions} for clients, {@link dev.shuttle.tls.TlsServerOptions}
 * for servers, {@link dev.shuttle.tls.TlsSettings} for what the two share (trust, protocols, ALPN,
 * handshake timeout), and {@link dev.shuttle.tls.TlsCertificate} for a certificate chain with its key. Hand
 * them to {@code ConnectorOptions.tls}, {@code ServerOptions.tls} or {@code StartTls}; verification
 * of the peer and its host name is on unless a setting says otherwise.
 *
 * <p>May import: {@code internal.tls}, {@code internal.tls.trust} (behind these values). Not the core package: the core
 * refers to these types, never the other way round.
 */
package dev.shuttle.tls;
