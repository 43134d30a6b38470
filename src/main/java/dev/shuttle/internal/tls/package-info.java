/**
 * TLS sessions on BouncyCastle JSSE: the client and server sides and the one TLS connection they
 * both make over any byte-stream transport ({@link dev.shuttle.internal.tls.EngineConnection}, an
 * {@code SSLEngine} loop with TLS 1.3 half-close), the handshake, its deadline and its failures in
 * words, and the contexts per options. Certificates and trust are in {@code trust}, the crypto
 * speed-ups and the record layer's own sealing in {@code crypto}.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.concurrent},
 * {@code internal.io}, {@code internal.jfr}, {@code internal.tcp}, {@code internal.tls.crypto},
 * {@code internal.tls.trust}, {@code internal.unix}, {@code internal.uri}.
 */
package dev.shuttle.internal.tls;
