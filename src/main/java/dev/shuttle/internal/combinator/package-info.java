/**
 * The connector combinators: decorators and multi-connector strategies that implement
 * {@link dev.shuttle.Connector} over other connectors (timeout, repeat, delay, reject, swappable,
 * consecutive, random, concurrent, selective). Reached through {@link dev.shuttle.Connectors} and
 * the default methods of {@link dev.shuttle.Connector}.
 *
 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.concurrent}, {@code internal.io},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.combinator;
