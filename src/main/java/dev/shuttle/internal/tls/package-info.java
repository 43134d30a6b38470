/**
 * TLS on BouncyCastle JSSE: the client and server sides, the handshake and its deadline,
 * certificates and trust (PEM, PKCS#12, hostname checks, SNI), TLS over any connection through
 * an {@code SSLEngine}, and the crypto speed-ups (record protection with the JDK's AES-GCM).
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.concurrent},
 * {@code internal.io}, {@code internal.jfr}, {@code internal.tcp}, {@code internal.unix},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.tls;
