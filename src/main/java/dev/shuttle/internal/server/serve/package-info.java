/**
 * The serving lifecycle over a listener: the accept loop, pause and resume, a virtual thread
 * (or a readiness loop) per connection in a structured scope, the setup of each connection (the
 * TLS handshake), the admission a connection limit applies, error reporting and graceful close.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.concurrent}, {@code internal.server.admit},
 * {@code internal.io}, {@code internal.jfr}, {@code internal.server.listen},
 * {@code internal.server.readable}.
 */
package dev.shuttle.internal.server.serve;
