package dev.shuttle.internal.server.readable;

import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The keys one select found ready, copied out of the selector (whose lock is held while it calls
 * its consumer) so that handlers run without it, and handed with the lead from leader to leader.
 * Only the thread leading touches it; its array grows and is reused, so a select allocates nothing.
 */
final class ReadyBatch implements Consumer<SelectionKey> {
    private SelectionKey[] keys = new SelectionKey[64];
    private int size;
    private int next;

    @Override
    public void accept(SelectionKey key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    /** {@return the next key not yet handled, or null when all were (the batch is then empty)} */
    SelectionKey next() {
        if (next == size) {
            next = 0;
            size = 0;
            return null;
        }
        SelectionKey key = keys[next];
        keys[next++] = null;
        return key;
    }
}
