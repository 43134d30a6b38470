package dev.shuttle.internal.server.serve;

import dev.shuttle.Connection;
import dev.shuttle.ConnectionHandler;
import dev.shuttle.Endpoint;
import dev.shuttle.ReadableHandler;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.ServerStats;
import dev.shuttle.internal.concurrent.CarriedScopedValues;
import dev.shuttle.internal.concurrent.ShuttleThreads;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.ConnectFailures;
import dev.shuttle.internal.io.IdleClosedException;
import dev.shuttle.internal.io.IdleWatched;
import dev.shuttle.internal.jfr.AcceptRecording;
import dev.shuttle.internal.jfr.FailureRecording;
import dev.shuttle.internal.server.admit.ConnectionSlots;
import dev.shuttle.internal.server.listen.Listener;
import dev.shuttle.internal.server.readable.OwnThreadCalls;
import dev.shuttle.internal.server.readable.ReadableChannel;
import dev.shuttle.internal.server.readable.ReadinessLoop;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link Server} of every transport: pausing, serving in a structured scope, reporting errors
 * and backing off, over a {@link Listener} that only binds and accepts. Its accept loop applies
 * the options' connection limit ({@link ConnectionSlots}) under {@code serve},
 * {@code serveWhenReadable} and {@code accept} alike.
 */
public final class AcceptLoopServer implements Server {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");
    private static final long FIRST_BACKOFF_NANOS = 5_000_000L;
    /**
     * The server whose handler (or readable call) the current thread runs, so that its
     * {@code shutdown} does not wait for the very handler calling it. Bound by the accept loop and
     * carried into every task of its scope, in both scope implementations.
     */
    private static final ScopedValue<AcceptLoopServer> SERVING = ScopedValue.newInstance();

    static {
        CarriedScopedValues.carry(SERVING);
    }

    private final Listener listener;
    private final ConnectionSetup setup;
    private final Consumer<Throwable> errorHandler;
    /** The user's server listener, its RuntimeExceptions logged and ignored. */
    private final dev.shuttle.ServerListener events;
    private final long maxBackoffNanos;
    private final IdleTimeout idle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Connection> served = ConcurrentHashMap.newKeySet();
    private final ServerCounters counters = new ServerCounters();
    private boolean paused;
    private boolean closed;
    private boolean serving;
    /**
     * When the handlers still running are interrupted (a {@link System#nanoTime()}), once
     * {@link #handlersDeadlineSet}: at {@code close}, or when a {@code shutdown} grace ends.
     */
    private long handlersDeadline;
    private boolean handlersDeadlineSet;
    /** What ended the serve call in progress, for it to throw: an Error from user code, say. */
    private Throwable failure;
    /** The open connections and the connection limit, asked before each accept and each connection. */
    private final ConnectionSlots admission;
    private volatile List<ReadinessLoop> readiness = List.of();
    private final Deque<Connection> held = new ArrayDeque<>();
    private long readableTimeSliceNanos = ReadinessLoop.TIME_SLICE_NANOS;
    /** Two loops per core, as Netty's event-loop groups: measured faster than one (echo, 2 cores). */
    private int readableLoops = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Creates the server over a bound listener.
     *
     * @param listener the listener, which this server closes
     * @param options the options: error handler and backoff
     */
    public AcceptLoopServer(Listener listener, ServerOptions options) {
        this(listener, options, ConnectionSetup.NONE);
    }

    /**
     * Creates the server over a bound listener, preparing each accepted connection (a TLS
     * handshake) on the thread that will use it.
     *
     * @param listener the listener, which this server closes
     * @param options the options: error handler and backoff
     * @param setup what to do with each accepted connection before it is handed on
     */
    public AcceptLoopServer(Listener listener, ServerOptions options, ConnectionSetup setup) {
        this.listener = listener;
        this.setup = setup;
        this.events = SafeServerListener.of(options.listener());
        // The default handler gets an instance of this server's own, prepared now, while the
        // process can still open files (see ServerErrorLog).
        this.errorHandler = options.errorHandler() == ServerErrorLog.DEFAULT
                ? ServerErrorLog.forServer(listener.address()) : options.errorHandler();
        ServerErrorLog.prepareLogging(); // for the default handler given elsewhere (a rejecting limit), and our own warnings
        // Saturates: a backoff of ofSeconds(Long.MAX_VALUE) is the longest there is, not an ArithmeticException.
        this.maxBackoffNanos = dev.shuttle.internal.io.Timeouts.nanos(options.maxAcceptBackoff());
        this.idle = new IdleTimeout(options.idleTimeout(), System::nanoTime, this::closedIdle);
        this.admission = new ConnectionSlots(options.connectionLimit(), listener.address(), this::isOpen, this::report);
    }

    @Override
    public Connection accept() throws IOException {
        return admission.accept(() -> setup.prepare(acceptPlain()));
    }

    private Connection acceptPlain() throws IOException {
        while (true) {
            lock.lock();
            try {
                while (paused && !closed) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Accepting on " + listener.address() + " was interrupted");
                    }
                }
                if (closed) {
                    throw closedException();
                }
                if (!held.isEmpty()) {
                    return held.poll();
                }
            } finally {
                lock.unlock();
            }
            Connection connection;
            try {
                connection = listener.accept();
                counters.accepted();
            } catch (IOException | RuntimeException e) {
                if (!listener.isOpen()) {
                    // Closed by close(), or by the JDK when the accepting thread was interrupted:
                    // either way the server is closed now, and says so.
                    stopAccepting();
                    SocketException closedNow = closedException();
                    closedNow.initCause(e);
                    throw closedNow;
                }
                throw e;
            }
            try {
                events.accepted(listener.address(), connection.remoteAddress());
            } catch (Error e) {
                connection.close(); // an Error from the listener: nobody gets the connection
                throw e;
            }
            lock.lock();
            try {
                if (closed) {
                    connection.close();
                    throw closedException();
                }
                if (!paused) {
                    return connection;
                }
                // Accepted just as the server paused: keep it for resume, ahead of the backlog.
                held.add(connection);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Sets how long a {@code serveWhenReadable} call may run on the loop's thread without waiting
     * before the loop is taken from it (for tests; call before serving).
     */
    void readableTimeSlice(java.time.Duration slice) {
        readableTimeSliceNanos = slice.toNanos();
    }

    /** Sets how many readiness loops {@code serveWhenReadable} runs (for tests; call before serving). */
    void readableLoops(int count) {
        readableLoops = count;
    }

    /** {@return how many connections the server is serving (or closing) now} (for tests) */
    int servedCount() {
        return served.size();
    }

    /** {@return how many connections are held back by a pause} (for tests) */
    int heldBack() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    private SocketException closedException() {
        return new SocketException("Server " + listener.address() + " is closed");
    }

    @Override
    public void serve(ConnectionHandler handler) throws InterruptedException {
        java.util.Objects.requireNonNull(handler, "handler");
        serveWith((scope, connection) -> scope.fork(() -> {
            handle(handler, connection);
            return false;
        }));
    }

    @Override
    public void serveWhenReadable(ReadableHandler handler) throws InterruptedException {
        java.util.Objects.requireNonNull(handler, "handler");
        serveWith(new ReadableDispatch(handler));
    }

    /**
     * Hands each connection that can wait without a thread to one of the {@link ReadinessLoop}s
     * (two per core, in turn, as an event-loop group does), each run as a task of the accept
     * loop's scope; the others (TLS) get a thread that calls the handler again each time it
     * returns {@code true}.
     */
    private final class ReadableDispatch implements Dispatch {
        private final ReadableHandler handler;
        private List<ReadinessLoop> loops = List.of();
        private int next;

        ReadableDispatch(ReadableHandler handler) {
            this.handler = handler;
        }

        @Override
        public void start(TaskScope scope) {
            List<ReadinessLoop> started = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < readableLoops; i++) {
                    started.add(new ReadinessLoop(new LoopOwner(), handler,
                            "shuttle-readable-" + i + " " + listener.address(), readableTimeSliceNanos));
                }
            } catch (IOException e) {
                // No selector: every connection keeps a thread instead.
                started.forEach(ReadinessLoop::discard);
                report(e);
                return;
            }
            loops = List.copyOf(started);
            readiness = loops;
            for (ReadinessLoop loop : loops) {
                scope.fork(() -> {
                    loop.run();
                    return false;
                });
            }
            if (!isOpen()) {
                loops.forEach(ReadinessLoop::stop); // closed before readiness was set: make sure the loops see it
            }
        }

        @Override
        public void dispatch(TaskScope scope, Connection connection) {
            if (!loops.isEmpty() && setup == ConnectionSetup.NONE && ReadinessLoop.canWait(connection)) {
                ReadinessLoop loop = loops.get(next);
                next = (next + 1) % loops.size();
                ReadableChannel readable;
                try {
                    readable = loop.prepare(connection);
                } catch (IOException e) {
                    done(connection, connection);
                    return;
                }
                // From here on the server knows the connection as its handler sees it, which wakes
                // a call waiting on it when the server closes it.
                served.add(readable);
                served.remove(connection);
                idle.watch(readable);
                admission.serving(readable);
                if (!isOpen()) {
                    done(readable, readable);
                    return;
                }
                loop.admit(readable);
                return;
            }
            scope.fork(() -> {
                handle(c -> OwnThreadCalls.run(handler, c), connection);
                return false;
            });
        }
    }

    /** How the accept loop hands on each accepted connection. */
    private interface Dispatch {
        default void start(TaskScope scope) {}

        void dispatch(TaskScope scope, Connection connection);
    }

    /** The server as its readiness loop sees it. */
    private final class LoopOwner implements ReadinessLoop.Owner {
        @Override
        public void finished(Connection connection) {
            done(connection, connection);
        }

        @Override
        public void report(Throwable error) {
            handlerFailed(error);
        }

        @Override
        public void close() {
            AcceptLoopServer.this.close();
        }
    }

    private void serveWith(Dispatch dispatch) throws InterruptedException {
        lock.lock();
        try {
            if (serving) {
                throw new IllegalStateException("Server " + listener.address() + " is already serving");
            }
            serving = true;
            failure = null;
        } finally {
            lock.unlock();
        }
        Throwable ended;
        try {
            Thread acceptor = ShuttleThreads.start("shuttle-server " + listener.address(),
                    () -> ScopedValue.where(SERVING, this).run(() -> acceptLoop(dispatch)));
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                close();
                joinUninterruptibly(acceptor);
                Throwable failed = failure();
                if (failed != null) {
                    e.addSuppressed(failed);
                }
                throw e;
            }
        } finally {
            lock.lock();
            try {
                serving = false;
                ended = failure;
            } finally {
                lock.unlock();
            }
        }
        switch (ended) {
            case null -> { }
            case Error e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("Server " + listener.address() + " stopped serving: " + ended, ended);
        }
    }

    /**
     * Accepts and dispatches until the server closes, then waits for the handlers: until they have
     * all returned, or until the handlers' deadline (at once after {@code close}, at the end of a
     * {@code shutdown} grace), when it closes their connections and interrupts them. Whatever
     * escapes the loop (an {@code Error} from the error handler, a thread that cannot start) closes
     * the server and is kept for {@code serve} to throw: the server is never open without
     * accepting.
     */
    private void acceptLoop(Dispatch dispatch) {
        try (TaskScope scope = TaskScopes.open("shuttle-connection " + listener.address())) {
            try {
                dispatch.start(scope);
                if (idle.enabled()) {
                    scope.fork(() -> {
                        sweepIdle();
                        return false;
                    });
                }
                acceptUntilClosed(scope, dispatch);
            } catch (Throwable e) {
                fail(e);
            }
            try {
                if (!awaitHandlersOrDeadline()) {
                    closeServed();
                    scope.fork(() -> true); // stops the scope: every handler still running is interrupted
                }
            } catch (Throwable e) {
                fail(e); // the scope's close below interrupts the handlers all the same
            }
            try {
                scope.join();
            } catch (InterruptedException | TimeoutException e) {
                // Nobody interrupts the acceptor and its scope has no deadline; close() below waits.
                LOG.log(Level.DEBUG, "server scope join ended early: " + e);
            }
        }
    }

    private void acceptUntilClosed(TaskScope scope, Dispatch dispatch) {
        long backoff = 0;
        while (isOpen()) {
            Connection connection;
            try {
                admission.awaitRoom();
                connection = acceptPlain();
                AcceptRecording.accepted(listener.address(), connection);
                backoff = 0;
            } catch (InterruptedException e) {
                // Nobody interrupts the acceptor but the JDK's own shutdown: end serving, closed.
                if (isOpen()) {
                    fail(e);
                }
                break;
            } catch (IOException | RuntimeException e) {
                if (!isOpen()) {
                    break;
                }
                Throwable failed = e instanceof IOException io ? ConnectFailures.acceptFailed(listener.address(), io) : e;
                AcceptRecording.failed(listener.address(), failed);
                report(failed);
                backoff = backoff == 0 ? FIRST_BACKOFF_NANOS : Math.min(maxBackoffNanos, backoff * 2);
                awaitClose(backoff);
                continue;
            }
            if (!admitted(connection)) {
                continue;
            }
            served.add(connection);
            if (!isOpen()) {
                // close() may have swept the set before this connection joined it.
                connection.close();
                forget(connection, connection);
                break;
            }
            dispatch.dispatch(scope, connection);
        }
    }

    /**
     * Closes the served connections idle for the idle timeout, a sweep every
     * {@link IdleTimeout#periodNanos()}, until the server is closed and serves no connection.
     */
    private void sweepIdle() {
        long period = idle.periodNanos();
        long next = System.nanoTime() + period;
        lock.lock();
        try {
            while (!closed || !served.isEmpty()) {
                long left = next - System.nanoTime();
                if (left > 0) {
                    changed.awaitNanos(left); // woken early by every change, to see the end
                    continue;
                }
                lock.unlock();
                try {
                    idle.sweep();
                } finally {
                    lock.lock();
                }
                next = System.nanoTime() + period;
            }
        } catch (InterruptedException e) {
            // The scope is ending the handlers: serving is over.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, once the server is closed, until no connection is served any more or the handlers'
     * deadline passes. {@return whether every served connection was done in time}
     */
    private boolean awaitHandlersOrDeadline() {
        lock.lock();
        try {
            while (!served.isEmpty()) {
                if (handlersDeadlineSet) {
                    long left = handlersDeadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                } else {
                    changed.await();
                }
            }
            return true;
        } catch (InterruptedException e) {
            return false; // nobody interrupts the acceptor; if it happens, end the handlers now
        } finally {
            lock.unlock();
        }
    }

    /** Moves the handlers' deadline to {@code nanosFromNow} from now, unless it is sooner already. */
    private void interruptHandlersIn(long nanosFromNow) {
        lock.lock();
        try {
            long now = System.nanoTime();
            // Saturates: a grace of ofSeconds(Long.MAX_VALUE) is for ever, not a deadline in the past.
            long deadline = nanosFromNow >= Long.MAX_VALUE / 2 ? now + Long.MAX_VALUE / 2 : now + nanosFromNow;
            if (!handlersDeadlineSet || deadline - handlersDeadline < 0) {
                handlersDeadline = deadline;
                handlersDeadlineSet = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the first failure that ends serving (later ones are suppressed in it) and closes the server. */
    private void fail(Throwable error) {
        lock.lock();
        try {
            if (failure == null) {
                failure = error;
            } else if (failure != error) {
                failure.addSuppressed(error);
            }
        } finally {
            lock.unlock();
        }
        close();
    }

    private Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    private void handle(ConnectionHandler handler, Connection accepted) {
        Connection connection = accepted;
        Connection given = accepted;
        try {
            connection = setup.prepare(accepted);
            admission.serving(connection);
            given = idle.track(connection);
            handler.handle(given);
        } catch (Throwable failure) {
            handlerFailed(failure);
        } finally {
            if (given != connection && given instanceof IdleWatched watched) {
                idle.forget(watched);
            }
            done(accepted, connection);
        }
    }

    /**
     * Reports a connection the idle timeout closed, once, whether a handler (or a readable call)
     * was using it, waiting between calls, or catches what its read throws. Never throws: an
     * {@code Error} from the error handler or the listener ends serving.
     */
    private void closedIdle(IdleClosedException why) {
        try {
            report(why);
        } catch (Throwable e) {
            fail(e);
        }
    }

    /**
     * What a handler (or a readable call) threw: an {@code Error} closes the server and is thrown
     * by {@code serve}; anything else goes to the error handler, unless it is the server's own
     * closing (an I/O error or an interrupt after close) that ended the handler, or an idle close
     * reported already ({@link #closedIdle}). Never throws: an error handler that throws an
     * {@code Error} ends serving too.
     */
    private void handlerFailed(Throwable error) {
        if (error instanceof Error) {
            fail(error);
            return;
        }
        if (!isOpen() && (error instanceof IOException || error instanceof InterruptedException)) {
            return;
        }
        if (IdleClosedException.isIn(error)) {
            return;
        }
        try {
            report(error);
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Asks the admission for room for a connection just accepted; closes it if refused. */
    private boolean admitted(Connection connection) {
        boolean admitted = false;
        try {
            admitted = admission.admit(connection);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            report(e);
        }
        if (!admitted) {
            connection.close(); // a rejecting limit has reported it (counted, told to the listener)
        }
        return admitted;
    }

    /** Closes a connection that is done with (and what it was prepared into) and forgets it. */
    private void done(Connection accepted, Connection prepared) {
        if (prepared instanceof IdleWatched watched) {
            idle.forget(watched);
        }
        prepared.close();
        accepted.close();
        forget(accepted, prepared);
    }

    /** Forgets a served connection, giving its room back to the admission once. */
    private void forget(Connection accepted, Connection prepared) {
        if (served.remove(accepted)) {
            admission.release(prepared);
        }
        signalChanged();
    }

    private void signalChanged() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void report(Throwable error) {
        ServerStats.ClientFailure failure = ClientFailures.of(error);
        counters.failed(failure);
        FailureRecording.clientFailed(listener.address(), failure == null ? "OTHER" : failure.name(), error);
        events.failed(listener.address(), error, java.util.Optional.ofNullable(failure));
        try {
            errorHandler.accept(error);
        } catch (RuntimeException e) {
            try {
                LOG.log(Level.WARNING, "error handler of " + listener.address() + " threw", e);
            } catch (RuntimeException loggingFailed) {
                // The error handler's RuntimeExceptions are logged and ignored, as documented; an
                // Error escapes, and ends serving.
            }
        }
    }

    private void awaitClose(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ServerStats stats() {
        return counters.snapshot(served.size(), setup.completedHandshakes());
    }

    @Override
    public Endpoint address() {
        return listener.address();
    }

    @Override
    public void reloadCertificates() {
        certificateReload().reload();
    }

    @Override
    public void reloadCertificates(java.util.List<dev.shuttle.tls.TlsCertificate> certificates) {
        certificateReload().replace(certificates);
    }

    private CertificateReload certificateReload() {
        CertificateReload reload = setup.certificateReload();
        if (reload == null) {
            throw new IllegalStateException(listener.address() + " is not a TLS server: it has no certificates to reload");
        }
        return reload;
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Paused by {@link #pause()}, or at a pausing connection limit. */
    @Override
    public boolean isPaused() {
        lock.lock();
        try {
            if (paused) {
                return true;
            }
        } finally {
            lock.unlock();
        }
        return admission.pausedAtLimit(); // outside the lock: the slots' waits ask isOpen() under theirs
    }

    @Override
    public List<Connection> connections() {
        return admission.connections();
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops listening, closes the served connections and interrupts their handlers; {@code serve}
     * returns once every handler has returned.
     */
    @Override
    public void close() {
        interruptHandlersIn(0);
        stopAccepting();
        closeServed();
        admission.wakeWaiters();
    }

    /**
     * Stops accepting at once, lets the running handlers finish for up to the grace period, then
     * closes the connections still open and interrupts their handlers, as {@link #close()} does.
     * Called from one of this server's handlers, it does not wait: the accept loop enforces the
     * grace.
     */
    @Override
    public void shutdown(java.time.Duration grace) throws InterruptedException {
        java.util.Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be zero or positive, not " + grace);
        }
        long left = dev.shuttle.internal.io.Timeouts.nanos(grace); // saturates: ofSeconds(Long.MAX_VALUE) is for ever
        interruptHandlersIn(left);
        stopAccepting();
        admission.wakeWaiters();
        if (SERVING.isBound() && SERVING.get() == this) {
            return; // a handler waiting for the handlers would wait for itself
        }
        boolean done = false;
        try {
            lock.lock();
            try {
                while (!served.isEmpty() && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
            done = true;
        } finally {
            if (!done) {
                interruptHandlersIn(0); // interrupted: what is left is closed at once
            }
            closeServed();
        }
    }

    /** Closes the listener and a held-back connection, once. */
    private void stopAccepting() {
        List<Connection> heldBack;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            heldBack = List.copyOf(held);
            held.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listener.close();
        heldBack.forEach(Connection::close);
        readiness.forEach(ReadinessLoop::stop);
    }

    private void closeServed() {
        for (Connection connection : served) {
            connection.close();
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
    public String toString() {
        return "Server[" + listener.address() + (isOpen() ? "" : ", closed") + "]";
    }
}
