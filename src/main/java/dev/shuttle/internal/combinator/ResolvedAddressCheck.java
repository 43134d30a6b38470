package dev.shuttle.internal.combinator;

import dev.shuttle.Endpoint;
import dev.shuttle.internal.concurrent.CarriedScopedValues;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The address rules a selective connector passed over when it chose a route for a hostname by
 * name, checked again against each address the name resolves to, just before Shuttle's race
 * connects to that address.
 *
 * <p>The selective connector binds a check around the routed connector's {@code connect}; the
 * race ({@code HappyEyeballsRace}) calls {@link #verify} with the very socket address it is about
 * to connect to, so no later DNS answer can slip between the check and the connect. A task scope
 * carries the binding to the threads it forks (see {@link CarriedScopedValues}), so a timeout or
 * another decorator that runs the connect on a thread of its own keeps it. The check of an outer
 * selective connector stays in force inside an inner one: checks chain.
 *
 * <p>A check applies to connections to its target's host only: a routed connector that connects
 * somewhere else (a proxy, a fixed URI) is not checked, since the route chose that destination.
 */
public final class ResolvedAddressCheck {
    private static final ScopedValue<ResolvedAddressCheck> CURRENT = ScopedValue.newInstance();

    static {
        CarriedScopedValues.carry(CURRENT);
    }

    private final String host;
    private final HostPortRule chosen;
    private final List<HostPortRule> passedOver;
    private final ResolvedAddressCheck outer;

    private ResolvedAddressCheck(String host, HostPortRule chosen, List<HostPortRule> passedOver,
            ResolvedAddressCheck outer) {
        this.host = host;
        this.chosen = chosen;
        this.passedOver = passedOver;
        this.outer = outer;
    }

    /** What the routed connector does under a check. */
    @FunctionalInterface
    interface Connect<T> {
        T run() throws IOException;
    }

    /**
     * Runs a routed connect with a check bound on this thread.
     *
     * @param target the hostname target the route was chosen for
     * @param chosen the rule that chose the route
     * @param passedOver the address rules before it whose connector is another one; not empty
     * @param connect the routed connector's connect
     * @return what it returns
     * @throws IOException what it throws
     */
    static <T> T within(Endpoint target, HostPortRule chosen, List<HostPortRule> passedOver, Connect<T> connect)
            throws IOException {
        ResolvedAddressCheck outer = CURRENT.isBound() ? CURRENT.get() : null;
        ResolvedAddressCheck check = new ResolvedAddressCheck(
                MatchedHost.withoutTrailingDot(target.host()), chosen, List.copyOf(passedOver), outer);
        return ScopedValue.where(CURRENT, check).call(connect::run);
    }

    /**
     * Refuses a connection to an address when a selective connector on this thread chose its
     * route for the name, and passed over an address rule that matches the address.
     *
     * @param endpoint the endpoint being connected to, as the race was asked for it
     * @param address the resolved address the race is about to connect to
     * @throws ConnectException naming the address, the rule it matches and the rule chosen by name
     */
    public static void verify(Endpoint endpoint, InetSocketAddress address) throws ConnectException {
        if (!CURRENT.isBound() || endpoint.ipAddress().isPresent()) {
            return;
        }
        String name = MatchedHost.withoutTrailingDot(endpoint.host());
        for (ResolvedAddressCheck check = CURRENT.get(); check != null; check = check.outer) {
            if (!check.host.equals(name)) {
                continue;
            }
            for (HostPortRule rule : check.passedOver) {
                if (rule.matches(address)) {
                    throw new ConnectException("Connection to " + endpoint + " failed: "
                            + Endpoint.of(endpoint.scheme(), address).toString().replaceFirst("^[a-z]+://", "")
                            + ", an address of " + endpoint.host() + ", is denied: it matches the selective rule '"
                            + rule + "', which routes elsewhere than '" + check.chosen
                            + "', the rule that matched the name");
                }
            }
        }
    }
}
