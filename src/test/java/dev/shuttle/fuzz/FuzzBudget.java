package dev.shuttle.fuzz;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

/**
 * Ends a {@link FuzzTarget} once its time budget is spent: every try that passes after the
 * deadline tells jqwik to finish the property early, while a failing try is reported (and shrunk)
 * as usual. The budget is the system property {@code shuttle.fuzz.seconds} (a decimal number of
 * seconds, default {@value #DEFAULT_SECONDS}), so that the build runs each target briefly and
 * {@code mvn test -Dtest='*Fuzz' -Dshuttle.fuzz.seconds=600} runs each for ten minutes.
 */
public final class FuzzBudget implements AroundTryHook {
    /** Seconds per target unless {@code shuttle.fuzz.seconds} is set. */
    static final String DEFAULT_SECONDS = "1.5";

    private static final String STORE = FuzzBudget.class.getName() + ".deadline";

    /** {@return the time each target runs} */
    static Duration budget() {
        String text = System.getProperty("shuttle.fuzz.seconds", DEFAULT_SECONDS);
        try {
            double seconds = Double.parseDouble(text);
            if (!(seconds > 0)) {
                throw new NumberFormatException("not positive");
            }
            return Duration.ofNanos((long) Math.min(Long.MAX_VALUE / 2, seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shuttle.fuzz.seconds must be a positive number of seconds, not '"
                    + text + "'", e);
        }
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        long deadline = Store.getOrCreate(STORE, Lifespan.PROPERTY, () -> System.nanoTime() + budget().toNanos()).get();
        TryExecutionResult result = aTry.execute(parameters);
        if (result.isSatisfied() && System.nanoTime() - deadline >= 0) {
            return TryExecutionResult.satisfied(true);
        }
        return result;
    }
}
