/**
 * The PROXY protocol (HAProxy's, versions 1 and 2): a strict parser of the header a load balancer
 * sends before the client's bytes, the writer of that header for the client side, the trusted
 * source networks, and the server step that reads the header from trusted peers only, under its
 * own short deadline, and presents the original client as the connection's remote address.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.io}.
 */
package dev.shuttle.internal.proxyprotocol;
