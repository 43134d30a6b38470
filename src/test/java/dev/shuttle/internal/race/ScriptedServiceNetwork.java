package dev.shuttle.internal.race;

import dev.shuttle.Endpoint;
import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.FakeConnection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * A resolver with service records and a network whose every answer the test gives by hand, for
 * Happy Eyeballs v3: lookups are per name and family, the service answer is one more lookup, and
 * attempts are per address and port and record the ALPN ids they offered.
 */
final class ScriptedServiceNetwork implements FamilyLookup, ServiceLookup, Attempt {
    private final List<String> clientProtocols;
    final Map<String, CompletableFuture<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    final CompletableFuture<ServiceAnswer> services = new CompletableFuture<>();
    final Map<InetSocketAddress, CompletableFuture<FakeConnection>> outcomes = new ConcurrentHashMap<>();
    /** Attempts in order: {@code address:port alpn}. */
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> lookedUp = new CopyOnWriteArrayList<>();
    final List<FakeConnection> made = new CopyOnWriteArrayList<>();

    ScriptedServiceNetwork(List<String> clientProtocols) {
        this.clientProtocols = clientProtocols;
    }

    private CompletableFuture<List<InetAddress>> answer(String host, StandardProtocolFamily family) {
        return answers.computeIfAbsent(host + " " + family, key -> new CompletableFuture<>());
    }

    void answer(String host, StandardProtocolFamily family, String... addresses) {
        answer(host, family).complete(Arrays.stream(addresses).map(InetAddress::ofLiteral).toList());
    }

    void services(ServiceAnswer answer) {
        services.complete(answer);
    }

    private CompletableFuture<FakeConnection> outcome(InetSocketAddress address) {
        return outcomes.computeIfAbsent(address, a -> new CompletableFuture<>());
    }

    void connects(String address, int port) {
        InetSocketAddress target = new InetSocketAddress(InetAddress.ofLiteral(address), port);
        FakeConnection connection = new FakeConnection(target);
        made.add(connection);
        outcome(target).complete(connection);
    }

    void refuses(String address, int port) {
        outcome(new InetSocketAddress(InetAddress.ofLiteral(address), port)).completeExceptionally(
                new java.net.ConnectException("Connection to tcp://" + address + ":" + port + " failed: Connection refused"));
    }

    @Override
    public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
        lookedUp.add(host + " " + (family == StandardProtocolFamily.INET6 ? "AAAA" : "A"));
        return await(answer(host, family), host);
    }

    @Override
    public boolean asks(Endpoint endpoint) {
        return true;
    }

    @Override
    public ServiceAnswer lookup(Endpoint endpoint) throws IOException {
        lookedUp.add(endpoint.host() + " HTTPS");
        return await(services, "HTTPS");
    }

    @Override
    public List<String> applicationProtocols() {
        return clientProtocols;
    }

    @Override
    public Attempt offering(List<String> protocols) {
        ScriptedServiceNetwork network = this;
        return address -> network.connect(address, protocols);
    }

    @Override
    public FakeConnection connect(InetSocketAddress address) throws IOException {
        return connect(address, null);
    }

    private FakeConnection connect(InetSocketAddress address, List<String> protocols) throws IOException {
        started.add(address.getAddress().getHostAddress().replace(":0:0:0:0:0:", "::") + ":" + address.getPort()
                + (protocols == null ? "" : " " + String.join(",", protocols)));
        return await(outcome(address), address.toString());
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return Bounded.get(future, "the scripted outcome of " + what);
        } catch (InterruptedException e) {
            future.thenAccept(made -> {
                if (made instanceof FakeConnection connection) {
                    connection.close();
                }
            });
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        }
    }
}
