package dev.shuttle.internal.combinator;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Selective: picks a connector by the URI's host and port; the first matching rule wins, and a URI
 * no rule matches is rejected with a {@link ConnectException} naming it.
 *
 * <p>Rules are {@link HostPortRule}s, checked in order, all parsed at construction. For a
 * hostname target, the address rules before the chosen one that route to another connector are
 * bound around the routed connect ({@link ResolvedAddressCheck}): Shuttle's race checks each
 * address the name resolves to against them just before connecting to it.
 */
public final class SelectiveConnector implements Connector {
    /**
     * A rule, its connector, and the address rules before it that route to another connector: a
     * hostname target this rule matches is denied the addresses those match.
     */
    private record Route(HostPortRule rule, Connector connector, List<HostPortRule> passedOver) {}

    private final List<Route> routes;

    /**
     * Creates the connector.
     *
     * @param rules rule text and its connector, in the order they are checked
     * @throws IllegalArgumentException naming the first malformed rule
     */
    public SelectiveConnector(List<? extends Map.Entry<String, ? extends Connector>> rules) {
        List<Route> parsed = new ArrayList<>(rules.size());
        for (Map.Entry<String, ? extends Connector> entry : rules) {
            HostPortRule rule = HostPortRule.parse(entry.getKey());
            Connector connector = Objects.requireNonNull(entry.getValue(), "connector of rule " + rule);
            List<HostPortRule> passedOver = parsed.stream()
                    .filter(earlier -> earlier.rule().namesAddresses() && earlier.connector() != connector)
                    .map(Route::rule).toList();
            parsed.add(new Route(rule, connector, passedOver));
        }
        this.routes = List.copyOf(parsed);
    }

    @Override
    public Connection connect(Endpoint endpoint) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        for (Route route : routes) {
            if (route.rule().matches(endpoint)) {
                if (endpoint.ipAddress().isPresent() || route.passedOver().isEmpty()) {
                    return route.connector().connect(endpoint);
                }
                return ResolvedAddressCheck.within(endpoint, route.rule(), route.passedOver(),
                        () -> route.connector().connect(endpoint));
            }
        }
        throw new ConnectException("Connection to " + endpoint + " rejected: it matches none of the "
                + routes.size() + " rules of the selective connector");
    }

    @Override
    public String toString() {
        return "Selective" + routes.stream().map(r -> r.rule() + "->" + r.connector()).toList();
    }
}
