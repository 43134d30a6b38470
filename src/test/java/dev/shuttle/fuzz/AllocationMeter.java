package dev.shuttle.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Measures the bytes the current thread allocates while it runs a task, with HotSpot's per-thread
 * allocation counter ({@code com.sun.management.ThreadMXBean}): the way to see how much memory a
 * reader takes for input it was given, whatever it keeps private.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {}

    /** A task that may throw. */
    interface Task {
        void run() throws Exception;
    }

    /** {@return the bytes the current thread allocated while running the task, which may throw} */
    static long bytesAllocatedBy(Task task) {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count the bytes each thread allocates");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            task.run();
        } catch (Exception e) {
            // What the task throws does not matter here; only what it allocated.
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
