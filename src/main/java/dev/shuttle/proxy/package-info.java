/**
 * Proxies on the client side: connectors that tunnel through a SOCKS5, SOCKS4a or HTTP CONNECT
 * proxy ({@link dev.shuttle.proxy.ProxyConnectors#through}), and the decorator that sends a PROXY
 * protocol header after connecting ({@link dev.shuttle.proxy.ProxyConnectors#sendingProxyHeader}).
 * Each result is a {@link dev.shuttle.Connector} and stacks with the rest of Shuttle. The server
 * side of the PROXY protocol is {@link dev.shuttle.ProxyProtocol}.
 *
 * <p>May import: {@code dev.shuttle.tls}, the public API ({@code dev.shuttle}), {@code internal.proxy},
 * {@code internal.proxyprotocol}.
 */
package dev.shuttle.proxy;
