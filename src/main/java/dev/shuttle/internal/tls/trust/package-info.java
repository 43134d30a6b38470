/**
 * Certificates and trust: PEM and PKCS#12 files, key pairs, self-signed certificates, the trust
 * manager that verifies a peer's chain, its strength and its host names (public suffixes
 * included), and the key manager that picks a server certificate by SNI.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.tls.crypto},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.tls.trust;
