package dev.shuttle.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class in which a virtual thread pinned its carrier, seen through JFR's
 * {@code jdk.VirtualThreadPinned} event from one in-process recording stream. JFR delivers events
 * in flushes about a second apart, so the check runs after the class, waiting for a flush.
 */
public final class PinningCheck implements BeforeAllCallback, AfterAllCallback {
    private static final List<RecordedEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static final AtomicLong FLUSHES = new AtomicLong();
    private static final RecordingStream STREAM = start();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PinningCheck.class);

    private static RecordingStream start() {
        RecordingStream stream = new RecordingStream();
        stream.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        stream.onEvent("jdk.VirtualThreadPinned", EVENTS::add);
        stream.onFlush(FLUSHES::incrementAndGet);
        stream.startAsync();
        return stream;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The JDK's first virtual-thread socket use starts its poller, whose threads wait for the
        // poller's class initialization (a pin): let that happen before the class's window opens.
        OpenDescriptors.snapshot();
        context.getStore(NAMESPACE).put("start", Instant.now());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Instant start = context.getStore(NAMESPACE).get("start", Instant.class);
        Instant end = Instant.now();
        long flushes = FLUSHES.get();
        // Two flushes: the first may have begun before the class ended.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> FLUSHES.get() >= flushes + 2);
        List<RecordedEvent> pinned = EVENTS.stream()
                .filter(e -> !e.getStartTime().isBefore(start) && !e.getStartTime().isAfter(end))
                .filter(e -> !whileLoadingClasses(e))
                .toList();
        if (!pinned.isEmpty()) {
            throw new AssertionError("a virtual thread pinned its carrier during " + context.getDisplayName()
                    + ":\n" + pinned.getFirst());
        }
    }

    /**
     * The JVM pins a virtual thread for a moment while it loads or initializes a class for the
     * first time; that happens once per class, in any code, and is not a fault of the code under
     * test.
     */
    private static boolean whileLoadingClasses(RecordedEvent event) {
        var thread = event.getThread("eventThread");
        if (thread != null && OpenDescriptors.WARM_UP.equals(thread.getJavaName())) {
            return true;
        }
        String reason = event.getString("pinnedReason");
        if (reason != null && (reason.contains("initialization") || reason.endsWith(".<clinit> on stack"))) {
            // A class initializer runs once per class; the JVM cannot unmount a thread inside it
            // (seen: two JFR event classes registering with Flight Recorder at the same moment).
            return true;
        }
        // Since JDK 24 a virtual thread blocked on a monitor unmounts unless a VM or native frame
        // is on its stack. Shuttle has no native code and blocks on no monitor: what is left is
        // the VM loading or linking a class that another thread is loading at the same moment
        // (seen at the first SocketChannel.open of two racing attempts).
        String operation = event.getString("blockingOperation");
        if ("Contended monitor enter".equals(operation) && reason != null && reason.startsWith("Freeze or preempt failed")) {
            return true;
        }
        var stack = event.getStackTrace();
        return stack != null && stack.getFrames().stream().anyMatch(frame -> {
            String type = frame.getMethod().getType().getName();
            // Class loading, and the linking of a call site or lambda on its first use.
            return type.equals("java.lang.ClassLoader") || type.equals("jdk.internal.loader.BuiltinClassLoader")
                    || type.startsWith("java.lang.invoke.");
        });
    }

    /** {@return whether the recording stream runs} (keeps the stream reachable for its lifetime) */
    static boolean running() {
        return STREAM != null;
    }
}
