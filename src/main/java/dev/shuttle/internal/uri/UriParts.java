package dev.shuttle.internal.uri;

import dev.shuttle.Scheme;

/**
 * The checked parts of a Shuttle URI.
 *
 * @param scheme the transport
 * @param host the canonical host (IPv6 without brackets), or {@code null} for {@code unix://}
 * @param port the port, or {@code -1} for {@code unix://}
 * @param path the absolute socket path for {@code unix://}, otherwise {@code null}
 */
public record UriParts(Scheme scheme, String host, int port, String path) {}
