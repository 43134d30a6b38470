package dev.shuttle.internal.server.readable;

import dev.shuttle.Connection;
import dev.shuttle.ReadableHandler;
import dev.shuttle.internal.concurrent.TaskScope;
import dev.shuttle.internal.concurrent.TaskScopes;
import dev.shuttle.internal.io.SelectableConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One selector's share of the connections of {@code serveWhenReadable}, served leader/followers
 * style (a server runs two loops per core).
 *
 * <p>One thread at a time leads ({@link LoopLeader}): it selects, then calls the handler of each
 * ready connection itself, inline, without a thread hand-off, a re-registration or a mode switch:
 * channels stay non-blocking and registered for reading for their whole life. A call that must
 * wait (a partial message, a full send buffer) hands the lead to a new thread and goes on as an
 * ordinary blocking call ({@link ReadableChannel}). A call that runs long without waiting (a
 * database, a sleep, a long computation) is noticed by this loop's supervisor, the thread that
 * owns the scope: when the same call is still running one time slice after it was seen, the
 * supervisor takes the lead from it and starts a new leader, as Go's sysmon retakes a P.
 *
 * <p>The lead is one word, {@link #turn}: the leader raises it by one before each call (odd: in a
 * call) and by one after it with a compare-and-set, which fails when the lead was taken meanwhile
 * (the word then has {@link #LEADERLESS} set until the next leader starts). No time is read and
 * nothing is woken on the way: the supervisor compares the word it sees with the one it saw a
 * slice ago.
 *
 * <p>Every thread is a task of this loop's scope, forked by the supervisor, its owner; the loop
 * returns only when all have ended. Interrupting the supervisor interrupts them all: the server
 * does so when its handlers are to end (at close, or when a shutdown grace ends).
 */
public final class ReadinessLoop {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.server");
    /** How long a call may run inline without waiting before the loop is taken from it. */
    public static final long TIME_SLICE_NANOS = 1_000_000L;
    /** How many slices the leader selects without work before the supervisor stops watching. */
    private static final int SLICES_IDLE_BEFORE_SLEEP = 64;
    static final long LEADERLESS = Long.MIN_VALUE;
    /** How many buffers of leaders whose threads ended are kept for the next ones. */
    private static final int SPARE_BUFFERS = 16;

    /** What the loop needs from the server it serves for. */
    public interface Owner {
        /** Called once per connection when it is done: closes it and forgets it. */
        void finished(Connection connection);

        void report(Throwable error);

        /** Closes the server: called when the loop cannot go on (its selector failed). */
        void close();
    }

    private final Owner owner;
    private final ReadableHandler handler;
    private final String name;
    private final Selector selector;
    private final long sliceNanos;
    private final Queue<ReadableChannel> arrivals = new ConcurrentLinkedQueue<>();
    /** The ready keys not yet dispatched: owned by whoever leads, handed on with the lead. */
    private final ReadyBatch batch = new ReadyBatch();
    private final AtomicLong turn = new AtomicLong();
    /** The direct buffers of leaders whose threads ended, for the next ones. */
    private final Queue<java.nio.ByteBuffer> spareBuffers = new ConcurrentLinkedQueue<>();
    /** The connection whose call the leader runs: written before {@link #turn} turns odd. */
    private ReadableChannel current;
    private volatile Thread supervisor;
    private volatile boolean supervisorAsleep;
    /** Whether the leader is in (or about to enter) a select, so not in a call. */
    private volatile boolean selecting;
    private volatile boolean successorWanted;
    private volatile boolean closedOut;
    private volatile boolean stopping;
    /** Once nobody leads: serialises the flushes of closing connections with the last sweep. */
    private final java.util.concurrent.locks.ReentrantLock flushLock = new java.util.concurrent.locks.ReentrantLock();
    /** Calls that left their leader (to wait, or past their slice) and have not returned yet. */
    private final java.util.concurrent.atomic.AtomicInteger detachedCalls = new java.util.concurrent.atomic.AtomicInteger();

    ReadinessLoop(Owner owner, ReadableHandler handler, String name) throws IOException {
        this(owner, handler, name, TIME_SLICE_NANOS);
    }

    /**
     * Opens the loop's selector.
     *
     * @param owner the server it serves for
     * @param handler the handler of every connection
     * @param name the name of its threads
     * @param sliceNanos how long a call may run inline without waiting before the lead is taken from it
     * @throws IOException if no selector can be opened
     */
    public ReadinessLoop(Owner owner, ReadableHandler handler, String name, long sliceNanos) throws IOException {
        this.owner = owner;
        this.handler = handler;
        this.name = name;
        this.sliceNanos = sliceNanos;
        this.selector = Selector.open();
    }

    /** {@return whether the connection can wait in this loop instead of on a thread} */
    public static boolean canWait(Connection connection) {
        return connection instanceof SelectableConnection selectable && selectable.selectableChannel() != null;
    }

    /**
     * Makes the connection its handler will see: non-blocking from now on. Any thread may call it.
     * The connection must be {@linkplain #canWait waitable}.
     *
     * @throws IOException if the channel refuses (it is closed)
     */
    public ReadableChannel prepare(Connection connection) throws IOException {
        SocketChannel channel = ((SelectableConnection) connection).selectableChannel();
        channel.configureBlocking(false);
        return new ReadableChannel(connection, channel, this);
    }

    /** Hands a {@linkplain #prepare prepared} connection to the loop for good. Any thread may call it. */
    public void admit(ReadableChannel readable) {
        arrivals.add(readable);
        selector.wakeup();
        if (closedOut) {
            // The server closed meanwhile and nobody leads any more: nobody will register it.
            ReadableChannel late;
            while ((late = arrivals.poll()) != null) {
                finished(late);
            }
        }
    }

    /** Closes the selector of a loop that will never run. */
    public void discard() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector of " + name + " failed: " + e);
        }
    }

    /** Tells the loop that its server closed, and wakes it to notice. Any thread may call it. */
    public void stop() {
        stopping = true;
        selector.wakeup();
        Thread thread = supervisor;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    void wakeupSupervisor() {
        LockSupport.unpark(supervisor);
    }

    /**
     * A connection of this loop was closed: its socket closes when the selector flushes its
     * cancelled key, which the leader does before its next select. On a thread that does not lead,
     * the leader is woken for it; once nobody leads any more, the key is flushed here.
     */
    void closed() {
        if (!closedOut) {
            selector.wakeup();
            return;
        }
        flushLock.lock();
        try {
            if (selector.isOpen()) {
                selector.selectNow();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // Closed meanwhile: closing the selector flushed every key.
        } finally {
            flushLock.unlock();
        }
    }

    void wakeupSelector() {
        selector.wakeup();
    }

    /**
     * Runs until the server closes and its idle connections are closed, then returns once every
     * call has returned. The calling thread supervises: it starts leaders and retakes the lead
     * from a call that runs past its slice.
     */
    public void run() {
        supervisor = Thread.currentThread();
        try (TaskScope scope = TaskScopes.open(name)) {
            fork(scope);
            supervise(scope);
            try {
                scope.join();
            } catch (InterruptedException | TimeoutException e) {
                LOG.log(Level.DEBUG, "readiness loop join ended early: " + e);
            }
        } finally {
            closeAll();
        }
    }

    private void fork(TaskScope scope) {
        scope.fork(() -> {
            new LoopLeader(this).lead();
            return false;
        });
    }

    private void supervise(TaskScope scope) {
        long seen = -1;
        int idleSlices = 0;
        while (!closedOut) {
            if (Thread.interrupted()) {
                // The server's scope interrupts its tasks: its handlers are to end now (close(), or
                // the end of a shutdown grace). Interrupt every call of this loop, and let the
                // scope's close wait for them; closeAll() then closes what is left.
                stopping = true;
                selector.wakeup();
                scope.fork(() -> true);
                return;
            }
            if (successorWanted) {
                successorWanted = false;
                fork(scope);
                seen = -1;
                continue;
            }
            long now = turn.get();
            if (now == seen && now > 0 && (now & 1) == 1) {
                // The same call has run for a slice at least without waiting: take the lead.
                if (turn.compareAndSet(now, LEADERLESS | (now + 1))) {
                    detachedCalls.incrementAndGet();
                    current.detach();
                    fork(scope);
                }
                seen = -1;
                continue;
            }
            if (now == seen && selecting && ++idleSlices >= SLICES_IDLE_BEFORE_SLEEP) {
                // The leader has been selecting, idle, for a while: sleep until it finds work (it
                // wakes this thread after each select that it sees this flag), a successor is
                // wanted, or the server closes. Both flags are volatile, so of this thread setting
                // its flag then reading the leader's, and the leader clearing its own then reading
                // this one, at least one sees the other. Not after one idle slice: under load a
                // select often waits that long, and each wake-up would cost the leader an unpark.
                idleSlices = 0;
                supervisorAsleep = true;
                if (selecting && turn.get() == now && !successorWanted && !closedOut) {
                    LockSupport.park(this);
                }
                supervisorAsleep = false;
                seen = -1;
                continue;
            }
            if (now != seen) {
                idleSlices = 0;
            }
            seen = now;
            LockSupport.parkNanos(this, sliceNanos);
        }
    }

    // ---- what a leader does with the loop (LoopLeader), behind small methods

    /** {@return the word of the lead: see the class comment} */
    long turn() {
        return turn.get();
    }

    /** Sets the word of the lead, for a new leader taking it. */
    void setTurn(long value) {
        turn.set(value);
    }

    /**
     * Sets the word of the lead without a full fence: what the leader wrote before is published
     * to a supervisor that reads it.
     */
    void setTurnLazily(long value) {
        turn.lazySet(value);
    }

    /** {@return whether the word of the lead was {@code expected} and is now {@code value}} */
    boolean compareAndSetTurn(long expected, long value) {
        return turn.compareAndSet(expected, value);
    }

    /** {@return the ready keys not yet dispatched, owned by whoever leads} */
    ReadyBatch batch() {
        return batch;
    }

    /** Selects the ready keys into the batch, marked as selecting meanwhile. */
    void selectInto(ReadyBatch ready) throws IOException {
        selecting = true;
        selector.select(ready);
        selecting = false;
    }

    /** Wakes the supervisor if it went to sleep while the leader was selecting idle. */
    void wakeSleepingSupervisor() {
        if (supervisorAsleep) {
            wakeupSupervisor();
        }
    }

    /** Names the connection whose call the leader runs; written before the turn turns odd. */
    void calling(ReadableChannel readable) {
        current = readable;
    }

    /** Calls the handler on a ready connection. */
    boolean callHandler(ReadableChannel readable) throws Exception {
        return handler.onReadable(readable);
    }

    /** {@return whether no call that left its leader is still running} */
    boolean noDetachedCalls() {
        return detachedCalls.get() == 0;
    }

    /** {@return a direct buffer a leader whose thread ended gave back, or null} */
    java.nio.ByteBuffer spareBuffer() {
        return spareBuffers.poll();
    }

    /** Keeps a leader's direct buffer for the next one, up to a few. */
    void giveBack(java.nio.ByteBuffer buffer) {
        if (spareBuffers.size() < SPARE_BUFFERS) {
            spareBuffers.add(buffer);
        }
    }

    /** Tells the server a connection is done: it closes it and forgets it. */
    void finished(Connection connection) {
        owner.finished(connection);
    }

    /** Reports a failure to the server's error handler. */
    void report(Throwable error) {
        owner.report(error);
    }

    /** Closes the server, when the loop cannot go on (its selector failed). */
    void closeServer() {
        owner.close();
    }

    /** The leader gave up the lead inside a call that must wait: a new leader is wanted. */
    void successorWanted() {
        detachedCalls.incrementAndGet();
        successorWanted = true;
        LockSupport.unpark(supervisor);
    }

    /** {@return whether the server still serves} A volatile read: the leader checks it after each call. */
    boolean running() {
        return !stopping;
    }

    /** A call that had left its leader returned: a leader of a closing loop may be waiting for it. */
    void detachedCallEnded() {
        if (detachedCalls.decrementAndGet() == 0 && stopping) {
            selector.wakeup();
        }
    }

    /** The leader closed the connections of the closed server and ended: nobody leads again. */
    void closedOut() {
        closedOut = true;
        LockSupport.unpark(supervisor);
    }

    /** Registers the connections that arrived; the leader calls it. */
    void registerArrivals() {
        ReadableChannel readable;
        while ((readable = arrivals.poll()) != null) {
            try {
                readable.registered(readable.channel().register(selector, SelectionKey.OP_READ, readable));
            } catch (ClosedChannelException | RuntimeException e) {
                finished(readable);
            }
        }
    }

    /** Closes the idle connections of the closed server; the last leader calls it. */
    void closeIdle() {
        for (SelectionKey key : selector.keys()) {
            ReadableChannel readable = (ReadableChannel) key.attachment();
            if (readable.idle()) {
                finished(readable);
            }
        }
        ReadableChannel readable;
        while ((readable = arrivals.poll()) != null) {
            finished(readable);
        }
        try {
            selector.selectNow(); // closes the sockets of the keys just cancelled
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "flushing the selector of " + name + " failed: " + e);
        }
    }

    /** Once every thread has ended: closes whatever is left, and the selector. */
    private void closeAll() {
        List<SelectionKey> keys;
        flushLock.lock(); // a connection closed now flushes the keys, which changes the key set
        try {
            keys = List.copyOf(selector.keys());
        } finally {
            flushLock.unlock();
        }
        for (SelectionKey key : keys) {
            finished((Connection) key.attachment());
        }
        ReadableChannel readable;
        while ((readable = arrivals.poll()) != null) {
            finished(readable);
        }
        flushLock.lock();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector of " + name + " failed: " + e);
        } finally {
            flushLock.unlock();
        }
    }
}
