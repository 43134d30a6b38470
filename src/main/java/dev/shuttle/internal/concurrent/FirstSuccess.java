package dev.shuttle.internal.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A race of attempts that each open something closeable: the first success wins, every other
 * attempt is interrupted, and anything a loser opened is closed, never leaked.
 *
 * <p>This is the joiner the JDK's {@code anySuccessfulResultOrThrow} should have been (it drops a
 * second result that arrives during cancellation, and all failures but one): the winner is claimed
 * atomically by the attempt itself; an attempt that opens something after the win closes it; and
 * if {@link #join()} does not hand the winner over (deadline, interrupt), {@link #close()} closes
 * it. Every failure is kept, in the order the attempts failed.
 *
 * <p>An {@link Error} from an attempt (user code: a connector given to a combinator) is not a
 * failure to weigh against the others: it stops the race at once, as a win would, and
 * {@link #join()} throws it; {@link #close()} then closes anything an attempt opened.
 *
 * <p>Owner-only, like the {@link TaskScope} underneath: open, {@link #fork} every attempt,
 * {@link #join}, {@link #close}, in a try-with-resources block on one thread.
 *
 * {@snippet :
 * try (FirstSuccess<Connection> race = FirstSuccess.open("race", Duration.ofSeconds(3))) {
 *     race.fork(() -> tcp.connect(first));
 *     race.fork(() -> tcp.connect(second));
 *     Optional<Connection> winner = race.join(); // empty when every attempt failed
 *     return winner.orElseThrow(() -> combine(race.failures()));
 * }
 * }
 *
 * @param <T> what an attempt opens
 */
public final class FirstSuccess<T extends AutoCloseable> implements AutoCloseable {

    /**
     * One attempt of the race.
     *
     * @param <T> what it opens
     */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * Runs the attempt on its own virtual thread; it is interrupted when another attempt wins
         * or the deadline passes.
         *
         * @return what it opened, never {@code null}
         * @throws Exception if it failed; recorded in {@link #failures()}
         */
        T open() throws Exception;
    }

    private final TaskScope scope;
    private final AtomicReference<T> winner = new AtomicReference<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicReference<Error> error = new AtomicReference<>();
    private boolean handedOver;
    private boolean errorThrown;

    private FirstSuccess(TaskScope scope) {
        this.scope = scope;
    }

    /**
     * Opens a race owned by the calling thread.
     *
     * @param name names the race's threads
     * @param timeout how long {@link #join()} waits before it times out, or {@code null} for no
     *     deadline
     * @param <T> what the attempts open
     * @return the race, to be closed by the caller
     */
    public static <T extends AutoCloseable> FirstSuccess<T> open(String name, Duration timeout) {
        return new FirstSuccess<>(timeout == null ? TaskScopes.open(name) : TaskScopes.open(name, timeout));
    }

    /**
     * Starts an attempt on a new virtual thread. Does nothing once an attempt has won.
     *
     * @param attempt the attempt
     * @throws WrongThreadException if called by another thread than the owner
     * @throws IllegalStateException if called after join
     */
    public void fork(Attempt<? extends T> attempt) {
        scope.fork(() -> run(attempt));
    }

    private boolean run(Attempt<? extends T> attempt) {
        T opened;
        try {
            opened = attempt.open();
            if (opened == null) {
                throw new NullPointerException("an attempt of the race returned null");
            }
        } catch (Error bug) {
            error.compareAndSet(null, bug);
            return true; // stops the race: the owner throws it
        } catch (Throwable failure) {
            synchronized (failures) {
                failures.add(failure);
            }
            return false;
        }
        if (winner.compareAndSet(null, opened)) {
            return true;
        }
        closeQuietly(opened);
        return false;
    }

    /**
     * Waits for the first success, or for every attempt to fail. On success the winner belongs to
     * the caller; every other attempt is being interrupted, and {@link #close()} waits for them.
     *
     * @return the winner, or empty if every attempt failed (see {@link #failures()})
     * @throws InterruptedException if the owner was interrupted; {@link #close()} then closes a
     *     winner that arrives
     * @throws TimeoutException if the deadline passed first; {@link #close()} then closes a winner
     *     that arrives
     * @throws Error what an attempt threw, the first if several did; the others are being
     *     interrupted, and {@link #close()} closes a winner
     */
    public Optional<T> join() throws InterruptedException, TimeoutException {
        try {
            scope.join();
        } catch (InterruptedException e) {
            if (error.get() != null) {
                Thread.currentThread().interrupt(); // kept for the caller, who gets the Error
            }
            throwError();
            throw e;
        } catch (TimeoutException e) {
            throwError();
            throw e;
        }
        throwError();
        T won = winner.get();
        if (won != null) {
            handedOver = true;
        }
        return Optional.ofNullable(won);
    }

    /** {@return every attempt's failure so far, in the order they failed} */
    public List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private void throwError() {
        Error thrown = error.get();
        if (thrown != null && !errorThrown) {
            errorThrown = true;
            throw thrown;
        }
    }

    /**
     * Interrupts the attempts still running, waits until every one has finished, and closes the
     * winner unless {@link #join()} handed it to the caller. Always call it.
     *
     * @throws Error what an attempt threw while the others were being cancelled, after a
     *     {@link #join()} that did not throw it (the winner, even handed over, is closed then)
     */
    @Override
    public void close() {
        scope.close();
        T won = winner.get();
        boolean erred = error.get() != null && !errorThrown;
        if (won != null && (!handedOver || erred)) {
            closeQuietly(won);
        }
        throwError();
    }

    /**
     * Closes what an attempt opened and nobody will get. An exception from its close has nobody
     * to go to; an {@link Error} (user code: a connection from a user's connector) is kept, and
     * the owner throws it.
     */
    private void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Error bug) {
            error.compareAndSet(null, bug);
        } catch (Exception ignored) {
            // Nobody to report a failed close to.
        }
    }
}
