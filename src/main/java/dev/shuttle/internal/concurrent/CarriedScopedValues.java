package dev.shuttle.internal.concurrent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scoped values a {@link TaskScope}'s tasks see as its owner saw them when it opened the scope.
 *
 * <p>{@code StructuredTaskScope} gives every fork the owner's scoped-value bindings by itself. The
 * plain virtual-thread scope cannot (the JDK has no public way to capture every binding), so it
 * carries the values registered here: a class whose scoped value must reach the tasks of a scope
 * (such as the selective connector's check of resolved addresses, read by the race on another
 * thread under a timeout) registers it once, in its static initialiser, before anything can bind
 * it.
 */
public final class CarriedScopedValues {
    private static final List<ScopedValue<?>> CARRIED = new CopyOnWriteArrayList<>();

    private CarriedScopedValues() {}

    /**
     * Registers a scoped value that every task scope carries into its tasks.
     *
     * @param value the scoped value
     */
    public static void carry(ScopedValue<?> value) {
        CARRIED.add(java.util.Objects.requireNonNull(value, "value"));
    }

    /**
     * Captures, on the calling thread, the registered values that are bound.
     *
     * @return what binds them again, or {@code null} when none is bound
     */
    static ScopedValue.Carrier capture() {
        ScopedValue.Carrier bindings = null;
        for (ScopedValue<?> value : CARRIED) {
            if (value.isBound()) {
                bindings = bind(bindings, value);
            }
        }
        return bindings;
    }

    private static <T> ScopedValue.Carrier bind(ScopedValue.Carrier bindings, ScopedValue<T> value) {
        return bindings == null ? ScopedValue.where(value, value.get()) : bindings.where(value, value.get());
    }

    /**
     * {@return the task, run with the captured bindings}
     *
     * @param bindings from {@link #capture()}, or {@code null} for none
     * @param task what to run
     */
    static Runnable within(ScopedValue.Carrier bindings, Runnable task) {
        return bindings == null ? task : () -> bindings.run(task);
    }
}
