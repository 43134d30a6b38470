/**
 * The {@code shuttle} command-line tool ({@code connect}, {@code listen}, {@code demo}): it
 * parses arguments and drives the public API, as an application would. It ships only in
 * {@code shuttle-VERSION-cli.jar} (with the library and its dependencies, run by {@code java -jar}
 * or the {@code shuttle} launcher); the library's jar leaves this package out.
 *
 * <p>May import: {@code dev.shuttle.batch}, {@code dev.shuttle.frame}, {@code dev.shuttle.pool}, {@code dev.shuttle.tls}, {@code dev.shuttle.udp}, {@code dev.shuttle.proxy}, the public API ({@code dev.shuttle}), {@code internal.concurrent},
 * {@code internal.uri}.
 */
package dev.shuttle.internal.cli;
