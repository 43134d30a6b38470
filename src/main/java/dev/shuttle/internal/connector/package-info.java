/**
 * The default connector behind {@code Connector.create}: per scheme, the stack of resolver,
 * happy-eyeballs race, TCP or Unix transport, TLS and timeout, assembled from the other packages.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.address},
 * {@code internal.combinator}, {@code internal.dns}, {@code internal.io}, {@code internal.jfr},
 * {@code internal.race}, {@code internal.tcp}, {@code internal.tls}, {@code internal.unix},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.connector;
