package dev.shuttle.internal.concurrent;

import java.time.Duration;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.TimeoutException;

/**
 * {@link TaskScope} on JDK 25's preview {@link StructuredTaskScope}. This is the only class that
 * touches the preview API: javac marks its class files as preview, and {@link TaskScopes} loads it
 * by name, falling back to {@link VirtualThreadScope} when the JVM refuses it.
 */
final class StructuredScopeFactory implements TaskScopeFactory {

    @Override
    public TaskScope open(String name, Duration timeout) {
        return new Scope(name, timeout);
    }

    @Override
    public String kind() {
        return "structured";
    }

    private static final class Scope implements TaskScope {
        private final StructuredTaskScope<Boolean, Void> scope;
        private boolean joined;

        Scope(String name, Duration timeout) {
            this.scope = StructuredTaskScope.open(new StopWhenTrue(), config -> {
                var named = config.withName(name).withThreadFactory(ShuttleThreads.factory(name));
                return timeout == null ? named : named.withTimeout(timeout);
            });
        }

        @Override
        public void fork(Task task) {
            scope.fork(task::run);
        }

        @Override
        public void join() throws InterruptedException, TimeoutException {
            joined = true;
            try {
                scope.join();
            } catch (StructuredTaskScope.TimeoutException e) {
                TimeoutException timeout = new TimeoutException("deadline of the task scope passed");
                timeout.initCause(e);
                throw timeout;
            } catch (StructuredTaskScope.FailedException e) {
                throw new IllegalStateException("the joiner of a task scope failed", e);
            }
        }

        @Override
        public void close() {
            try {
                scope.close();
            } catch (IllegalStateException e) {
                // Thrown after closing when the owner never joined (it failed before join): the
                // scope is closed and its threads have finished, which is all close promises.
                if (joined) {
                    throw e;
                }
            }
        }
    }

    /** Cancels the scope when a task returns {@code true}; keeps no results. */
    private static final class StopWhenTrue implements Joiner<Boolean, Void> {
        @Override
        public boolean onComplete(Subtask<? extends Boolean> subtask) {
            return subtask.state() == Subtask.State.SUCCESS && Boolean.TRUE.equals(subtask.get());
        }

        @Override
        public Void result() {
            return null;
        }
    }
}
