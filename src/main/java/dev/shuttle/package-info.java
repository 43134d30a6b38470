/**
 * Shuttle's core API: blocking connectors and servers for virtual threads. Start with
 * {@link dev.shuttle.Connector} (open a connection to a URI such as {@code tcp://host:port} or
 * {@code tls://host:port}), {@link dev.shuttle.Server} (listen and serve each connection on a
 * virtual thread) and {@link dev.shuttle.Endpoint} (a parsed URI); {@link dev.shuttle.Connectors}
 * holds the combinators. Options are immutable values built by builders.
 *
 * <p>The leaf packages build on this one: {@code dev.shuttle.tls} (TLS settings),
 * {@code dev.shuttle.udp}, {@code dev.shuttle.frame}, {@code dev.shuttle.pool},
 * {@code dev.shuttle.batch} and {@code dev.shuttle.dropin} (socket factories for other libraries).
 *
 * <p>May import: {@code dev.shuttle.tls}, any internal package, behind its factories and
 * interfaces; no public signature shows an internal type (checked by {@code ArchitectureTest}).
 */
package dev.shuttle;
