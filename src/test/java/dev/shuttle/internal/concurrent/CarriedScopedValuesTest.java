package dev.shuttle.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A registered scoped value reaches the tasks of a scope in both implementations of the seam. */
class CarriedScopedValuesTest {
    private static final ScopedValue<String> CARRIED = ScopedValue.newInstance();

    static {
        CarriedScopedValues.carry(CARRIED);
    }

    static List<TaskScopeFactory> factories() {
        return TaskScopeTest.factories().toList();
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aTaskSeesTheValueBoundWhenItsScopeOpened(TaskScopeFactory factory) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ScopedValue.where(CARRIED, "bound").call(() -> {
            try (TaskScope scope = factory.open("test", null)) {
                scope.fork(() -> seen.add(CARRIED.isBound() ? CARRIED.get() : "unbound") && false);
                scope.fork(() -> {
                    // and the tasks of a scope a task opens
                    try (TaskScope inner = factory.open("inner", null)) {
                        inner.fork(() -> seen.add(CARRIED.isBound() ? "inner " + CARRIED.get() : "inner unbound") && false);
                        inner.join();
                    }
                    return false;
                });
                scope.join();
            }
            return null;
        });
        assertEquals(List.of("bound", "inner bound"), seen.stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aTaskOfAScopeOpenedOutsideABindingSeesNone(TaskScopeFactory factory) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TaskScope scope = factory.open("test", null)) {
            scope.fork(() -> seen.add(CARRIED.isBound() ? CARRIED.get() : "unbound") && false);
            scope.join();
        }
        assertEquals(List.of("unbound"), seen);
    }

    @Test
    void anAttemptOfARaceUnderADeadlineSeesTheValue() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ScopedValue.where(CARRIED, "bound").call(() -> {
            try (FirstSuccess<AutoCloseable> race = FirstSuccess.open("test", Duration.ofSeconds(10))) {
                race.fork(() -> {
                    seen.add(CARRIED.isBound() ? CARRIED.get() : "unbound");
                    return () -> {};
                });
                race.join().orElseThrow().close();
            }
            return null;
        });
        assertEquals(List.of("bound"), seen);
    }
}
