package dev.shuttle.internal.io;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few 16 KiB transfer buffers shared by every connection of the process, so that a connection
 * holds a large buffer only while data is flowing, never while it waits.
 *
 * <p>Lock-free: a fixed array of slots; taking empties a slot, giving fills an empty one. An empty
 * pool allocates, a full one lets the buffer go to the garbage collector: at most
 * {@value #SLOTS} buffers ({@code 1 MiB}) stay pooled.
 */
public final class BufferPool {
    /** The size of every pooled buffer, as {@link java.io.InputStream#transferTo}'s own. */
    public static final int SIZE = 16 * 1024;
    private static final int SLOTS = 64;
    private static final AtomicReferenceArray<byte[]> SLOTS_ARRAY = new AtomicReferenceArray<>(SLOTS);

    private BufferPool() {}

    /** {@return a buffer of {@link #SIZE} bytes, whose content is undefined; give it back when done} */
    public static byte[] take() {
        int start = start();
        for (int i = 0; i < SLOTS; i++) {
            byte[] buffer = SLOTS_ARRAY.getAndSet((start + i) & (SLOTS - 1), null);
            if (buffer != null) {
                return buffer;
            }
        }
        return new byte[SIZE];
    }

    /** Returns a buffer from {@link #take()}; the caller must not use it afterwards. */
    public static void give(byte[] buffer) {
        int start = start();
        for (int i = 0; i < SLOTS; i++) {
            if (SLOTS_ARRAY.compareAndSet((start + i) & (SLOTS - 1), null, buffer)) {
                return;
            }
        }
    }

    private static int start() {
        // Spread threads over the slots so that they rarely contend on the same one.
        return (int) (Thread.currentThread().threadId() * 0x9E3779B9L >>> 7) & (SLOTS - 1);
    }
}
