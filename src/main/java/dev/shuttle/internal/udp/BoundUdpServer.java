package dev.shuttle.internal.udp;

import dev.shuttle.udp.Datagram;
import dev.shuttle.udp.DatagramHandler;
import dev.shuttle.udp.DatagramTooLargeException;
import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import dev.shuttle.udp.UdpOptions;
import dev.shuttle.udp.UdpServer;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.jfr.FailureRecording;
import dev.shuttle.internal.uri.LocalHosts;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link UdpServer}: a blocking {@link DatagramChannel} bound to a local address and not
 * connected, with a serve loop that receives on a thread of its own and runs handlers in a
 * structured scope, a semaphore bounding how many run at once.
 */
public final class BoundUdpServer implements UdpServer {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.udp");
    private static final long FIRST_BACKOFF_NANOS = 5_000_000L;
    private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private final DatagramChannel channel;
    private final boolean ipv4Only;
    private final Endpoint address;
    private final DatagramReceiver receiver;
    private final int maxConcurrentHandlers;
    /** How often a receive loop waiting for a handler to end checks that the server is open. */
    private static final long ROOM_RECHECK_MILLIS = 50;
    private final Consumer<Throwable> errorHandler;
    private final AtomicBoolean serving = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private BoundUdpServer(DatagramChannel channel, boolean ipv4Only, UdpOptions options) throws IOException {
        this.channel = channel;
        this.ipv4Only = ipv4Only;
        this.address = Endpoint.of(Scheme.UDP, (InetSocketAddress) channel.getLocalAddress());
        this.receiver = new DatagramReceiver(channel, options.maxDatagramSize());
        this.maxConcurrentHandlers = options.maxConcurrentHandlers();
        this.errorHandler = options.errorHandler();
        receiver.timeout(options.receiveTimeout());
    }

    /**
     * Binds a server.
     *
     * @param uri {@code udp://ip:port} or {@code udp://localhost:port}
     * @param options the options
     * @return the server
     * @throws IOException if binding failed, naming the address
     */
    public static UdpServer listen(String uri, UdpOptions options) throws IOException {
        Endpoint endpoint = Endpoint.parseListening(uri);
        if (endpoint.scheme() != Scheme.UDP) {
            throw new IllegalArgumentException("UdpServer listens on udp:// URIs, not " + endpoint
                    + " (write udp://" + endpoint.toString().replaceFirst("^[a-z]+://", "") + ")");
        }
        InetAddress local = LocalHosts.bindAddress(endpoint);
        boolean ipv4 = local instanceof Inet4Address;
        DatagramChannel channel = DatagramChannel.open(ipv4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            if (options.receiveBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
            }
            if (options.sendBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
            }
            channel.bind(new InetSocketAddress(local, endpoint.port()));
            return new BoundUdpServer(channel, ipv4, options);
        } catch (IOException e) {
            channel.close();
            throw ConnectFailures.listenFailed(endpoint, e);
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Datagram receive() throws IOException {
        String action = "Receiving on " + address;
        try {
            DatagramReceiver.Received received = receiver.receive(address.toString());
            return Datagram.of(Endpoint.of(Scheme.UDP, received.sender()), received.payload());
        } catch (SocketTimeoutException e) {
            SocketTimeoutException timedOut = new SocketTimeoutException(action + " timed out after "
                    + Timeouts.millis("receive timeout", receiver.timeout()) + " ms");
            timedOut.initCause(e);
            throw timedOut;
        } catch (DatagramTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw UdpFailures.of(e, action, address, null, !channel.isOpen());
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw UdpFailures.interrupted(action, e);
        }
    }

    @Override
    public void send(Endpoint to, byte[] payload, int offset, int length) throws IOException {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(payload, "payload");
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (to.scheme() != Scheme.UDP) {
            throw new IllegalArgumentException("UdpServer " + address + " sends to udp:// endpoints, not " + to);
        }
        InetAddress target = to.ipAddress().orElseThrow(() -> new IllegalArgumentException("Cannot send to " + to
                + ": '" + to.host() + "' is a hostname; a UdpServer sends to IP addresses (resolve it first, or use UdpSocket)"));
        if (to.port() == 0) {
            throw new IllegalArgumentException("Cannot send to " + to + ": port 0 is not a destination");
        }
        if (ipv4Only && target instanceof Inet6Address) {
            throw new IllegalArgumentException("Cannot send to " + to + " from " + address
                    + ": an IPv4 server cannot reach an IPv6 address (listen on [::] to reach both)");
        }
        DatagramSizes.check(to, target, length);
        try {
            channel.send(ByteBuffer.wrap(payload, offset, length), new InetSocketAddress(target, to.port()));
        } catch (IOException e) {
            throw UdpFailures.of(e, "Sending from " + address + " to " + to, address, null, !channel.isOpen());
        }
    }

    @Override
    public void serve(DatagramHandler handler) throws InterruptedException {
        Objects.requireNonNull(handler, "handler");
        if (!serving.compareAndSet(false, true)) {
            throw new IllegalStateException("UdpServer " + address + " is already serving");
        }
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread receiving = ShuttleThreads.start("shuttle-udp-server " + address, () -> receiveLoop(handler, failure));
            try {
                receiving.join();
            } catch (InterruptedException e) {
                close();
                joinUninterruptibly(receiving);
                if (failure.get() != null) {
                    e.addSuppressed(failure.get());
                }
                throw e;
            }
            rethrow(failure.get());
        } finally {
            serving.set(false);
        }
    }

    /**
     * Receives and forks handlers until the server is closed. Whatever escapes (an {@link Error}
     * from the error handler, a fork that failed) closes the server and is kept for {@link #serve}
     * to throw, so that serve never returns normally while the server is open.
     */
    private void receiveLoop(DatagramHandler handler, AtomicReference<Throwable> failure) {
        try {
            receiveAndHandle(handler, failure);
        } catch (Throwable e) {
            fail(failure, e);
        }
    }

    private void receiveAndHandle(DatagramHandler handler, AtomicReference<Throwable> failure) {
        Semaphore running = new Semaphore(maxConcurrentHandlers);
        try (TaskScope scope = TaskScopes.open("shuttle-datagram " + address)) {
            long backoff = 0;
            while (isOpen()) {
                if (!awaitHandlerRoom(running)) {
                    break;
                }
                Datagram datagram;
                try {
                    datagram = receive();
                    backoff = 0;
                } catch (SocketTimeoutException e) {
                    running.release();
                    continue;
                } catch (IOException e) {
                    running.release();
                    if (!isOpen()) {
                        break;
                    }
                    report(e);
                    if (!(e instanceof DatagramTooLargeException)) {
                        backoff = backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                        awaitClose(backoff);
                    }
                    continue;
                }
                scope.fork(() -> {
                    try {
                        handler.handle(datagram, this);
                    } catch (Throwable handlerFailure) {
                        if (handlerFailure instanceof Error error) {
                            fail(failure, error); // as on a TCP server: serve throws it, the server closes
                        } else if (isOpen() || !(handlerFailure instanceof IOException || handlerFailure instanceof InterruptedException)) {
                            // After close, a handler that ends with the close's interrupt or a closed channel is not an error, as on TCP.
                            try {
                                report(handlerFailure);
                            } catch (Throwable reportFailure) {
                                fail(failure, reportFailure);
                            }
                        }
                    } finally {
                        running.release();
                    }
                    return false;
                });
            }
            // Closed: end the handlers still running (blocked on a latch, a sleep, a queue), so
            // that serve returns. Stopping the scope interrupts them; the channel is closed already.
            scope.fork(() -> true);
            try {
                scope.join();
            } catch (InterruptedException | TimeoutException e) {
                // Nobody interrupts the receiving thread and its scope has no deadline; close() waits.
                LOG.log(Level.DEBUG, "UDP server scope join ended early: " + e);
            }
        }
    }

    /**
     * Waits until fewer than the maximum of handlers run. {@return false if the server closed
     * first} Checks every {@value #ROOM_RECHECK_MILLIS} ms: the handlers that fill the server may
     * be blocked on anything, and only the end of this loop interrupts them.
     */
    private boolean awaitHandlerRoom(Semaphore running) {
        try {
            while (!running.tryAcquire(ROOM_RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!isOpen()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            return false; // nobody interrupts the receiving thread; if it happens, stop receiving
        }
    }

    /** Keeps the first failure that ends serving, and closes the server so that the loop stops. */
    private void fail(AtomicReference<Throwable> failure, Throwable e) {
        if (!failure.compareAndSet(null, e) && failure.get() != e) {
            failure.get().addSuppressed(e);
        }
        close();
    }

    private void rethrow(Throwable failure) {
        switch (failure) {
            case null -> { }
            case Error e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("UdpServer " + address + " stopped serving: " + failure, failure);
        }
    }

    private void report(Throwable error) {
        FailureRecording.clientFailed(address, UdpFailures.reason(error), error);
        try {
            errorHandler.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error handler of " + address + " threw", e);
        }
    }

    private void awaitClose(long nanos) {
        try {
            closed.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        while (true) {
            try {
                thread.join();
                return;
            } catch (InterruptedException e) {
                // Keep waiting: the caller rethrows the first interrupt.
            }
        }
    }

    @Override
    public void setReceiveTimeout(Duration timeout) throws IOException {
        try {
            receiver.timeout(timeout);
        } catch (IOException e) {
            throw UdpFailures.of(e, "Setting the receive timeout of " + address, address, null, !channel.isOpen());
        }
    }

    @Override
    public Duration receiveTimeout() {
        return receiver.timeout();
    }

    @Override
    public Endpoint address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a datagram channel releases its descriptor even when close reports an error.
        } finally {
            closed.countDown();
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(channel) ? Optional.of(type.cast(channel)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "UdpServer[" + address + (isOpen() ? "" : ", closed") + "]";
    }
}
