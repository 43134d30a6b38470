/**
 * The {@code shuttle} command-line tool ({@code connect}, {@code listen}, {@code demo}): it
 * parses arguments and drives the public API, as an application would.
 *
 * <p>May import: {@code dev.shuttle.batch}, {@code dev.shuttle.frame}, {@code dev.shuttle.pool}, {@code dev.shuttle.tls}, {@code dev.shuttle.udp}, the public API ({@code dev.shuttle}), {@code internal.concurrent},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.cli;
