package dev.shuttle.internal.server.readable;

import dev.shuttle.Connection;
import dev.shuttle.internal.io.ForwardingConnection;
import dev.shuttle.internal.io.IdleClosedException;
import dev.shuttle.internal.io.IdleWatched;
import dev.shuttle.internal.io.Timeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection of {@code serveWhenReadable} as its handler sees it: the accepted connection's
 * channel, non-blocking and registered with the {@link ReadinessLoop}'s selector for its whole
 * life, read and written directly.
 *
 * <p>A read that finds data and a write that completes cost one system call each. A read that
 * would block, or a write that cannot complete, first hands the loop on if its thread is leading
 * it ({@link LoopLeader#handOff}), then parks until the leader sees this channel ready and unparks
 * it: from then on the call is an ordinary blocking call on a thread of its own.
 *
 * <p>Modes: {@code IDLE} between calls (interest {@code OP_READ}: the leader calls the handler
 * when data comes); {@code INLINE} while a leader runs the call on its own thread (interest
 * unchanged, nobody selects meanwhile); {@code DETACHED} while the call runs on a thread that no
 * longer leads (interest: only what a parked waiter of this channel waits for, so that the key is
 * never dispatched twice). A thread other than the call's (a broadcast writing to this connection
 * from another connection's call, say) waits without changing the mode: its interest is added to
 * the mode's, and the leader wakes it when the channel is ready for it, dispatching the handler
 * only for data while idle. The leader moves a channel from {@code IDLE} to {@code INLINE} and
 * back without a lock, since only the thread leading touches an idle or inline channel and
 * leadership passes with a happens-before edge; every other change holds this object's monitor (only
 * for field and interest updates: nothing blocks under it).
 */
public final class ReadableChannel extends ForwardingConnection implements IdleWatched {
    private static final int IDLE = 0, INLINE = 1, DETACHED = 2;

    private final SocketChannel channel;
    private final ReadinessLoop loop;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private SelectionKey key;
    /** Plain: see the class comment. */
    private int mode = IDLE;
    /** The leader running this channel's call inline, whose buffer the call may use. */
    private LoopLeader runner;
    private volatile Thread readWaiter;
    private volatile Thread writeWaiter;
    private volatile int readTimeoutMillis;
    private volatile int writeTimeoutMillis;
    /** When bytes last moved (or the channel was made), for the server's idle timeout. */
    private volatile long lastActivity = System.nanoTime();
    /** Whether an idle timeout watches this channel: only then do reads and writes read the clock. */
    private volatile boolean noteActivity;
    /** Why the server's idle timeout closed this channel, once it has. */
    private volatile IdleClosedException idle;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    ReadableChannel(Connection connection, SocketChannel channel, ReadinessLoop loop) {
        super(connection);
        this.channel = channel;
        this.loop = loop;
    }

    SocketChannel channel() {
        return channel;
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    // ---- the leader's side

    /**
     * The leader is about to run this channel's call on its own thread: from idle to inline,
     * without a lock (see the class comment).
     */
    void startInline(LoopLeader leader) {
        mode = INLINE;
        runner = leader;
    }

    /** The call the leader ran inline returned while it still leads: idle again. */
    void endInline() {
        mode = IDLE;
    }

    /**
     * The leader saw this channel ready: wakes the waiters it was ready for, takes the interest
     * off what nobody waits for any more, and says whether to call the handler.
     *
     * @return whether the channel is idle and readable, to be dispatched
     */
    boolean ready(int readyOps) {
        if (mode == IDLE && (readyOps & SelectionKey.OP_READ) != 0 && readWaiter == null && writeWaiter == null) {
            return true; // the common case: data for an idle connection, nobody else waiting
        }
        Thread reader = null;
        Thread writer = null;
        boolean call;
        synchronized (this) {
            // An error or hang-up is reported as both: wake whoever waits.
            if ((readyOps & SelectionKey.OP_READ) != 0) {
                reader = readWaiter;
                readWaiter = null;
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                writer = writeWaiter;
                writeWaiter = null;
            }
            call = mode == IDLE && reader == null && (readyOps & SelectionKey.OP_READ) != 0;
            setInterest(interestNow());
        }
        unpark(reader);
        unpark(writer);
        return call;
    }

    /** The watchdog took the loop from the thread running this call inline: stop dispatching it. */
    void detach() {
        synchronized (this) {
            if (mode == INLINE) {
                mode = DETACHED;
                setInterest(interestNow());
            }
        }
    }

    /**
     * A call that ended on a thread no longer leading: back to idle (its interest on again, and
     * the leader woken to see it), or done.
     *
     * @return whether it is idle again; if not, the caller finishes it
     */
    boolean detachedCallEnded(boolean keep) {
        if (!keep || !isOpen()) {
            return false;
        }
        synchronized (this) {
            mode = IDLE;
            runner = null;
            if (!setInterest(interestNow())) {
                return false;
            }
        }
        loop.wakeupSelector();
        return true;
    }

    /** {@return whether no call runs on it} (for the loop closing its idle connections) */
    boolean idle() {
        synchronized (this) {
            return mode == IDLE;
        }
    }

    // ---- the handler's side

    /**
     * Parks until the channel is ready for {@code op}. The call's own thread first detaches the
     * call, handing the loop on if it leads; any other thread only adds its interest.
     */
    private void await(int op) throws IOException {
        int timeout = readTimeoutMillis;
        await(op, timeout == 0 ? 0 : System.nanoTime() + timeout * 1_000_000L);
    }

    /**
     * Parks until the channel is ready for {@code op} or the deadline passes: a read then fails
     * with the read timeout's exception; a write closes the connection and fails with the write
     * timeout's.
     *
     * @param deadline a {@link System#nanoTime()} reading, or 0 for none
     */
    private void await(int op, long deadline) throws IOException {
        Thread me = Thread.currentThread();
        int timeout = op == SelectionKey.OP_READ ? readTimeoutMillis : writeTimeoutMillis;
        LoopLeader leader = runner;
        boolean ownCall;
        synchronized (this) {
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            ownCall = mode != IDLE && leader != null && leader.thread() == me;
            if (ownCall) {
                mode = DETACHED;
            }
            if (op == SelectionKey.OP_READ) {
                readWaiter = me;
            } else {
                writeWaiter = me;
            }
            if (!setInterest(interestNow())) {
                throw new ClosedChannelException();
            }
        }
        if (!ownCall || !leader.handOff()) {
            // Another thread leads and may be selecting without this interest: make it look again.
            loop.wakeupSelector();
        }
        while (waiter(op) == me) {
            if (!channel.isOpen()) {
                stopWaiting(op, me);
                throw new ClosedChannelException();
            }
            if (Thread.interrupted()) {
                stopWaiting(op, me);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Waiting for " + remoteAddress() + " was interrupted");
            }
            if (deadline == 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (stopWaiting(op, me)) {
                        if (op == SelectionKey.OP_WRITE) {
                            close(); // a stream written in part cannot be resumed
                            throw new SocketTimeoutException("Write to " + remoteAddress() + " made no progress for "
                                    + Timeouts.seconds(Duration.ofMillis(timeout)));
                        }
                        throw new SocketTimeoutException("Read timed out after " + timeout + " ms on " + remoteAddress());
                    }
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    }

    /** {@return whether this thread was still waiting} (and so stopped by its own decision) */
    private boolean stopWaiting(int op, Thread me) {
        synchronized (this) {
            if (waiter(op) != me) {
                return false;
            }
            if (op == SelectionKey.OP_READ) {
                readWaiter = null;
            } else {
                writeWaiter = null;
            }
            setInterest(interestNow());
            return true;
        }
    }

    private Thread waiter(int op) {
        return op == SelectionKey.OP_READ ? readWaiter : writeWaiter;
    }

    /**
     * {@return the interest for the mode and the waiters: reading while idle or inline (the
     * leader's to dispatch), plus what parked waiters wait for} Called holding this monitor.
     */
    private int interestNow() {
        int ops = mode == DETACHED ? 0 : SelectionKey.OP_READ;
        return ops | (readWaiter != null ? SelectionKey.OP_READ : 0) | (writeWaiter != null ? SelectionKey.OP_WRITE : 0);
    }

    /** {@return false if the key is cancelled (the channel closed)} Called holding this monitor. */
    private boolean setInterest(int ops) {
        try {
            key.interestOps(ops);
            return true;
        } catch (CancelledKeyException e) {
            return false;
        }
    }

    private static void unpark(Thread thread) {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** {@return the direct buffer of the leader running this call on this very thread, or null} */
    private ByteBuffer leaderBuffer() {
        LoopLeader leader = runner;
        return leader != null && leader.thread() == Thread.currentThread() ? leader.buffer() : null;
    }

    int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        ByteBuffer direct = leaderBuffer();
        ByteBuffer target = direct == null ? ByteBuffer.wrap(bytes, offset, length) : direct.clear().limit(Math.min(length, direct.capacity()));
        while (true) {
            int n = channel.read(target);
            if (n != 0) {
                if (noteActivity) {
                    lastActivity = System.nanoTime();
                }
                if (n > 0 && direct != null) {
                    direct.flip().get(bytes, offset, n);
                }
                return n;
            }
            // The same thread goes on after the wait, so a leader's buffer stays its own.
            await(SelectionKey.OP_READ);
        }
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ByteBuffer direct = leaderBuffer();
        if (direct == null) {
            writeFully(ByteBuffer.wrap(bytes, offset, length));
            return;
        }
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, direct.capacity());
            direct.clear();
            direct.put(bytes, offset + done, chunk).flip();
            writeFully(direct);
            done += chunk;
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        long lastProgress = 0; // read from the clock only once a write has to wait
        while (true) {
            int written = channel.write(buffer);
            if (!buffer.hasRemaining()) {
                if (written > 0 && noteActivity) {
                    lastActivity = System.nanoTime();
                }
                return;
            }
            long now = System.nanoTime(); // about to wait: cheap next to the wait
            if (written > 0 || lastProgress == 0) {
                lastProgress = now;
            }
            if (written > 0 && noteActivity) {
                lastActivity = now;
            }
            int timeout = writeTimeoutMillis;
            await(SelectionKey.OP_WRITE, timeout == 0 ? 0 : lastProgress + timeout * 1_000_000L);
        }
    }

    // ---- Connection

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** Applies to reads that wait (the channel itself never blocks). */
    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        int millis = Timeouts.millis("readTimeout", timeout);
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        readTimeoutMillis = millis;
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMillis);
    }

    /** Applies to writes that wait for the peer to read: measured from the last progress. */
    @Override
    public void setWriteTimeout(Duration timeout) throws IOException {
        int millis = Timeouts.millis("writeTimeout", timeout);
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        writeTimeoutMillis = millis;
    }

    @Override
    public Duration writeTimeout() {
        return Duration.ofMillis(writeTimeoutMillis);
    }

    // ---- IdleWatched

    @Override
    public void watchedForIdleness() {
        lastActivity = System.nanoTime();
        noteActivity = true;
    }

    @Override
    public long lastActivity() {
        return lastActivity;
    }

    @Override
    public void closeIdle(IdleClosedException why) {
        idle = why;
        close();
    }

    /** {@return the idle timeout's exception in place of {@code e}, if the idle timeout closed this channel} */
    private IOException failed(IOException e) {
        IdleClosedException why = idle;
        return why == null ? e : IdleWatched.failure(why, e);
    }

    /**
     * Closes the connection and wakes a call parked on it, which then fails. The JDK closes a
     * channel registered with a selector only when the selector next flushes its key: the loop
     * is told, so that the peer sees the end at once. A connection closed while idle (by another
     * connection's call, say) is never dispatched again, so it is finished here.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        connection.close();
        unpark(readWaiter);
        unpark(writeWaiter);
        loop.closed();
        if (idle()) {
            loop.finished(this);
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return ReadableChannel.this.read(bytes, offset, length);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            ReadableChannel.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                ReadableChannel.this.write(bytes, offset, length);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            ReadableChannel.this.close();
        }
    }
}
