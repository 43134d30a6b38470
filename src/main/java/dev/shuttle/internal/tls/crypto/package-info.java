/**
 * The crypto under TLS: BouncyCastle's providers set up with each algorithm from the faster
 * provider (signatures, EC verification keys), record protection with the JDK's AES-GCM, and the
 * connection's record cipher that Shuttle also seals and opens records with itself (bulk writes
 * without {@code SSLEngine.wrap}'s copies, and the open direction of a TLS 1.3 half-close).
 *
 * <p>May import: the JDK and BouncyCastle only.
 */
package dev.shuttle.internal.tls.crypto;
