package dev.shuttle;

import dev.shuttle.batch.BatchOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchOptionsTest {

    @Test
    void badValuesAreRejectedNamingTheOptionAndValueNamingTheOptionAndValue() {
        BatchOptions defaults = BatchOptions.defaults();
        assertEquals(16, defaults.concurrency());
        assertEquals(Duration.ofMinutes(1), defaults.requestTimeout());
        IllegalArgumentException concurrency = assertThrows(IllegalArgumentException.class,
                () -> BatchOptions.builder().concurrency(0).build());
        assertEquals("concurrency must be at least 1, not 0", concurrency.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchOptions.builder().readTimeout(Duration.ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> BatchOptions.builder().requestTimeout(Duration.ofMillis(-1)).build());
    }
}
