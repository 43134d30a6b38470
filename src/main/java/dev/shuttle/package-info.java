/**
 * Shuttle's public API: blocking connectors and servers for virtual threads. Start with
 * {@link dev.shuttle.Connector} (open a connection to a URI such as {@code tcp://host:port} or
 * {@code tls://host:port}), {@link dev.shuttle.Server} (listen and serve each connection on a
 * virtual thread) and {@link dev.shuttle.Endpoint} (a parsed URI); {@link dev.shuttle.Connectors}
 * holds the combinators, and the options classes are immutable values built by builders.
 *
 * <p>May import: any internal package, behind its factories and interfaces; no public signature
 * shows an internal type (checked by {@code ArchitectureTest}).
 */
package dev.shuttle;
