package dev.shuttle.internal.race;

import dev.shuttle.testing.Bounded;
import dev.shuttle.testing.FakeConnection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * A resolver and a network whose every answer the test gives by hand: lookups and attempts block
 * until the test completes them, and record what was asked, when and whether it was interrupted.
 */
final class ScriptedNetwork implements FamilyLookup, Attempt {
    private final ManualTicker ticker;
    final Map<StandardProtocolFamily, CompletableFuture<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    final Map<InetAddress, CompletableFuture<FakeConnection>> outcomes = new ConcurrentHashMap<>();
    final List<InetAddress> started = new CopyOnWriteArrayList<>();
    final List<Long> startedAt = new CopyOnWriteArrayList<>();
    final List<String> interrupted = new CopyOnWriteArrayList<>();
    final List<FakeConnection> made = new CopyOnWriteArrayList<>();
    /** Families the race looked up (on a thread of its own), in order. */
    final List<StandardProtocolFamily> lookedUp = new CopyOnWriteArrayList<>();
    /** Answers known without waiting, as a cache would give them; none unless a test puts one. */
    final Map<StandardProtocolFamily, List<InetAddress>> known = new ConcurrentHashMap<>();

    /** What {@link #begin} gives at once for an address: a connection or a failure; others are begun later. */
    final Map<InetAddress, Object> atOnce = new ConcurrentHashMap<>();
    /** Threads that began attempts, in order. */
    final List<Thread> begunOn = new CopyOnWriteArrayList<>();
    /** Addresses whose attempt was begun and then abandoned, its finish never run. */
    final List<InetAddress> abandoned = new CopyOnWriteArrayList<>();
    /** When set, {@link #begin} waits for it first. */
    volatile CompletableFuture<Void> beginGate;

    ScriptedNetwork(ManualTicker ticker) {
        this.ticker = ticker;
        answers.put(StandardProtocolFamily.INET6, new CompletableFuture<>());
        answers.put(StandardProtocolFamily.INET, new CompletableFuture<>());
    }

    void answer(StandardProtocolFamily family, String... addresses) {
        answers.get(family).complete(java.util.Arrays.stream(addresses).map(InetAddress::ofLiteral).toList());
    }

    void fail(StandardProtocolFamily family, IOException failure) {
        answers.get(family).completeExceptionally(failure);
    }

    private CompletableFuture<FakeConnection> outcome(InetAddress address) {
        return outcomes.computeIfAbsent(address, a -> new CompletableFuture<>());
    }

    void connects(String address) {
        InetAddress ip = InetAddress.ofLiteral(address);
        FakeConnection connection = new FakeConnection(new InetSocketAddress(ip, 443));
        made.add(connection);
        outcome(ip).complete(connection);
    }

    void refuses(String address) {
        outcome(InetAddress.ofLiteral(address)).completeExceptionally(
                new java.net.ConnectException("Connection to tcp://" + address + ":443 failed: Connection refused"));
    }

    void connectsAtOnce(String address) {
        InetAddress ip = InetAddress.ofLiteral(address);
        FakeConnection connection = new FakeConnection(new InetSocketAddress(ip, 443));
        made.add(connection);
        atOnce.put(ip, connection);
    }

    void refusesAtOnce(String address) {
        atOnce.put(InetAddress.ofLiteral(address),
                new java.net.ConnectException("Connection to tcp://" + address + ":443 failed: Connection refused"));
    }

    @Override
    public Opening begin(InetSocketAddress address) throws IOException {
        begunOn.add(Thread.currentThread());
        CompletableFuture<Void> gate = beginGate;
        if (gate != null) {
            Bounded.join(gate);
        }
        Object now = atOnce.get(address.getAddress());
        if (now instanceof IOException failure) {
            started.add(address.getAddress());
            startedAt.add(ticker.nanoTime());
            throw failure;
        }
        if (now instanceof FakeConnection connection) {
            started.add(address.getAddress());
            startedAt.add(ticker.nanoTime());
            return Opening.done(connection);
        }
        return Opening.later(() -> connect(address), () -> abandoned.add(address.getAddress()));
    }

    @Override
    public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
        lookedUp.add(family);
        return await(answers.get(family), family.name());
    }

    @Override
    public List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family) {
        return known.get(family);
    }

    @Override
    public FakeConnection connect(InetSocketAddress address) throws IOException {
        started.add(address.getAddress());
        startedAt.add(ticker.nanoTime());
        return await(outcome(address.getAddress()), address.getAddress().getHostAddress());
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return Bounded.get(future);
        } catch (InterruptedException e) {
            // As a real socket is closed by an interrupt, so is a connection made meanwhile.
            future.thenAccept(made -> {
                if (made instanceof FakeConnection connection) {
                    connection.close();
                }
            });
            interrupted.add(what);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        } catch (ExecutionException e) {
            throw (IOException) e.getCause();
        }
    }
}
