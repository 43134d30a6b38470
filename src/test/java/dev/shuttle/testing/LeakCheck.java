package dev.shuttle.testing;

import static org.awaitility.Awaitility.await;

import dev.shuttle.internal.concurrent.ShuttleThreads;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a socket, pipe or selector open, or a thread started by Shuttle
 * running. Waits up to five seconds for them to go, since closing can finish on another thread.
 */
public final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("descriptors", OpenDescriptors.snapshot());
        context.getStore(NAMESPACE).put("threads", ShuttleThreads.live());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        Map<Integer, String> baseline = context.getStore(NAMESPACE).get("descriptors", Map.class);
        int threads = context.getStore(NAMESPACE).get("threads", Integer.class);
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> OpenDescriptors.since(baseline).isEmpty() && ShuttleThreads.live() <= threads);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("test left open: descriptors " + OpenDescriptors.since(baseline)
                    + ", Shuttle threads " + ShuttleThreads.live() + " (before: " + threads + ")");
        }
    }
}
