package dev.shuttle.internal.server.readable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;

/**
 * One thread's turn at leading a {@link ReadinessLoop}: it selects, then runs the handler of each
 * ready connection inline, until it loses the lead (a call of its had to wait, or ran past its
 * time slice) or the server closes. A thread that lost the lead finishes the call it is in as an
 * ordinary thread and ends; the rest of the ready keys goes to the next leader.
 */
final class LoopLeader {
    /** Reads and writes of inline calls go through it: no temporary direct buffer per call. */
    private static final int BUFFER_BYTES = 16 * 1024;

    private final ReadinessLoop loop;
    private final Thread thread = Thread.currentThread();
    private final ByteBuffer buffer;
    /** The value of the loop's turn word this thread last wrote: odd while in a call. */
    private long turn;

    /** Creates the leader of the calling thread. */
    LoopLeader(ReadinessLoop loop) {
        this.loop = loop;
        ByteBuffer spare = loop.spareBuffer();
        this.buffer = spare != null ? spare : ByteBuffer.allocateDirect(BUFFER_BYTES);
    }

    /** Gives the buffer back once this thread's last call returned: a hand-over allocates nothing. */
    private void release() {
        loop.giveBack(buffer);
    }

    Thread thread() {
        return thread;
    }

    /** The buffer of inline calls: only this leader's thread ever touches it. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Leads until the lead is lost or the loop closes. */
    void lead() {
        try {
            leadUntilLost();
        } finally {
            release();
        }
    }

    private void leadUntilLost() {
        turn = (loop.turn() & ~ReadinessLoop.LEADERLESS) + 2 & ~1L;
        loop.setTurn(turn);
        ReadyBatch batch = loop.batch();
        try {
            while (true) {
                SelectionKey key;
                while ((key = batch.next()) != null) {
                    if (!dispatch(key)) {
                        return; // the lead is someone else's now, and the batch with it
                    }
                }
                if (!loop.running()) {
                    // Close the idle connections, then keep selecting, for calls that wait, until
                    // every call has returned (the last one wakes the selector). An interrupt of
                    // the closing server's would only make each select return at once.
                    Thread.interrupted();
                    loop.closeIdle();
                    if (loop.noDetachedCalls()) {
                        loop.closedOut();
                        return;
                    }
                }
                loop.registerArrivals();
                // On a virtual thread, select polls without parking first, and parks only when
                // nothing is ready: the common case under load costs one epoll_wait.
                loop.selectInto(batch);
                // A new batch: make sure a supervisor that went to sleep watches its calls.
                turn += 2;
                loop.setTurnLazily(turn);
                loop.wakeSleepingSupervisor();
            }
        } catch (IOException | RuntimeException e) {
            // Without its selector no connection could be served again: say so and stop.
            loop.report(e);
            loop.closeServer();
            loop.closeIdle();
            loop.closedOut();
        }
    }

    /**
     * Handles one ready key. {@return false if this thread lost the lead during the call}
     */
    private boolean dispatch(SelectionKey key) {
        ReadableChannel readable = (ReadableChannel) key.attachment();
        int readyOps;
        try {
            readyOps = key.readyOps();
        } catch (CancelledKeyException closed) {
            return true; // closed by another thread since the select: its close finishes it
        }
        if (!readable.ready(readyOps)) {
            return true;
        }
        if (!loop.running()) {
            loop.finished(readable);
            return true;
        }
        readable.startInline(this);
        loop.calling(readable);
        long inCall = turn + 1;
        loop.setTurnLazily(inCall); // publishes the writes above to a supervisor that reads it
        boolean keep = false;
        Throwable failure = null;
        try {
            keep = loop.callHandler(readable);
        } catch (Throwable e) {
            failure = e;
        }
        // A handler's own interrupt must not make every later select of this thread return at once.
        Thread.interrupted();
        boolean leading = loop.compareAndSetTurn(inCall, inCall + 1);
        if (leading) {
            turn = inCall + 1;
        }
        if (failure != null && (loop.running() || !(failure instanceof IOException))) {
            loop.report(failure);
        }
        if (leading) {
            readable.endInline();
            if (failure != null || !keep || !loop.running() || !readable.isOpen()) {
                loop.finished(readable);
            }
            return true;
        }
        if (!readable.detachedCallEnded(failure == null && keep && loop.running())) {
            loop.finished(readable);
        }
        loop.detachedCallEnded();
        return false;
    }

    /**
     * Gives up the lead from inside a call that must wait, if this thread still has it, and asks
     * for a successor, who takes the rest of the ready keys. Called by this leader's thread only.
     *
     * @return whether this thread had the lead (and the successor will see the channel's new
     *     interest); {@code false} if the supervisor took it already
     */
    boolean handOff() {
        long inCall = turn + 1;
        if (!loop.compareAndSetTurn(inCall, ReadinessLoop.LEADERLESS | (inCall + 1))) {
            return false;
        }
        loop.successorWanted();
        return true;
    }
}
