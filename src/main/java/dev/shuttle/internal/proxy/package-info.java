/**
 * The client side of proxies: the SOCKS5 (RFC 1928, RFC 1929), SOCKS4a and HTTP CONNECT
 * (RFC 9110 section 9.3.6) handshakes, proxy URIs with their credentials, and the connector that
 * opens a tunnel through a proxy and runs TLS end to end over it. Reached through the public
 * {@code ProxyConnectors}.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.io}, {@code internal.proxyprotocol}.
 */
package dev.shuttle.internal.proxy;
