/**
 * The {@code shuttle} command-line tool ({@code connect}, {@code listen}, {@code demo}): it
 * parses arguments and drives the public API, as an application would.
 *
 * <p>May import: the public API ({@code dev.shuttle}, {@code dev.shuttle.proxy}), {@code internal.concurrent},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.cli;
