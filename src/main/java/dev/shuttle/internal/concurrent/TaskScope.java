package dev.shuttle.internal.concurrent;

import java.util.concurrent.TimeoutException;

/**
 * The seam around {@code StructuredTaskScope}: a group of tasks, each on a virtual thread of its
 * own, that cannot outlive the code that opened it.
 *
 * <p>Only the thread that opened the scope (its owner) may {@link #fork}, {@link #join} and
 * {@link #close}, in that order, in a try-with-resources block. A task that returns {@code true}
 * stops the scope: every other task is interrupted and {@link #join} returns. Tasks report their
 * results and failures themselves (to a shared object of the caller's); the scope only keeps them
 * structured.
 *
 * <p>Two implementations with the same semantics: {@code StructuredTaskScope} (a preview API in
 * JDK 25) when its classes load, and plain virtual threads when they do not (a JVM run without
 * {@code --enable-preview}, or another JDK release). See {@link TaskScopes}.
 */
public interface TaskScope extends AutoCloseable {

    /** A task: returns {@code true} to stop the scope, {@code false} to let the others go on. */
    @FunctionalInterface
    interface Task {
        /**
         * Runs the task.
         *
         * @return whether the scope should stop
         * @throws Exception anything; counted as {@code false} (the scope goes on) and otherwise
         *     dropped, by both implementations: a task records its own failures, and a task that
         *     runs user code catches what it throws, {@link Error}s included, and hands them to
         *     the owner (see {@link FirstSuccess})
         */
        boolean run() throws Exception;
    }

    /**
     * Starts a task on a new virtual thread. Does nothing once the scope has stopped.
     *
     * @param task the task
     * @throws WrongThreadException if called by another thread than the owner
     * @throws IllegalStateException if called after join or close
     */
    void fork(Task task);

    /**
     * Waits until every task has finished or one has stopped the scope.
     *
     * @throws InterruptedException if the owner was interrupted while waiting
     * @throws TimeoutException if the scope's deadline passed first; the tasks are interrupted
     *     (always this {@code java.util.concurrent} type: the structured implementation translates
     *     {@code StructuredTaskScope.TimeoutException})
     * @throws WrongThreadException if called by another thread than the owner
     */
    void join() throws InterruptedException, TimeoutException;

    /**
     * Interrupts the tasks still running and waits until every one has finished. Always call it,
     * also after a failed join.
     *
     * @throws WrongThreadException if called by another thread than the owner
     */
    @Override
    void close();
}
