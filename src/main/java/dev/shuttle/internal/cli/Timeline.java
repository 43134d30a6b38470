package dev.shuttle.internal.cli;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.ServiceEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code --verbose}: prints DNS answers and connection attempts with millisecond offsets. */
final class Timeline implements ConnectListener {
    private final PrintStream err;
    private volatile long start = System.nanoTime();

    Timeline(PrintStream err) {
        this.err = err;
    }

    /** Counts the offsets from now on: call it just before the connect. */
    void restart() {
        start = System.nanoTime();
    }

    void say(String what) {
        double millis = (System.nanoTime() - start) / 1e6;
        synchronized (err) {
            err.printf(Locale.ROOT, "%9.3f ms  %s%n", millis, what);
        }
    }

    private static String record(StandardProtocolFamily family) {
        return family == StandardProtocolFamily.INET6 ? "AAAA" : "A";
    }

    private static String address(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = Endpoint.of(dev.shuttle.Scheme.TCP, address).host();
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {
        say("DNS " + record(family) + " " + endpoint.host() + " ?");
    }

    @Override
    public void lookupAnswered(Endpoint endpoint, StandardProtocolFamily family, List<InetAddress> addresses) {
        String answer = addresses.isEmpty() ? "(none)" : addresses.stream()
                .map(a -> Endpoint.of(dev.shuttle.Scheme.TCP, new InetSocketAddress(a, 1)).host())
                .collect(Collectors.joining(", "));
        say("DNS " + record(family) + " " + endpoint.host() + " = " + answer);
    }

    @Override
    public void lookupFailed(Endpoint endpoint, StandardProtocolFamily family, IOException failure) {
        say("DNS " + record(family) + " " + endpoint.host() + " failed: " + failure.getMessage());
    }

    @Override
    public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
        say("connecting to " + address(address));
    }

    @Override
    public void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
        say("connecting to " + address(address) + " (service " + service + ")");
    }

    @Override
    public void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {
        say("DNS service records " + endpoint.host() + " = " + (services.isEmpty() ? "(none)"
                : services.stream().map(ServiceEndpoint::toString).collect(Collectors.joining("; "))));
    }

    @Override
    public void servicesFailed(Endpoint endpoint, IOException failure) {
        say("DNS service records " + endpoint.host() + " failed: " + failure.getMessage());
    }

    @Override
    public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
        say("attempt to " + address(address) + " failed: " + failure.getMessage());
    }

    @Override
    public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
        say("connected to " + address(address));
    }
}
