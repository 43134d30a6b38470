package dev.shuttle.internal.race;

import dev.shuttle.ServiceEndpoint;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One address and port to try, and the service endpoint it came from.
 *
 * @param address the address and port
 * @param service the service record it came from, or {@code null} (an address of the URI's host
 *     at the URI's port)
 * @param protocols the ALPN ids to offer, or {@code null} for the connector's own
 * @param hint whether the address is a record's hint rather than an A or AAAA answer
 */
record Candidate(InetSocketAddress address, ServiceEndpoint service, List<String> protocols, boolean hint) {}
