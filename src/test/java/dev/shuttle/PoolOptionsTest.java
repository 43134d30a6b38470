package dev.shuttle;

import dev.shuttle.pool.PoolOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolOptionsTest {

    @Test
    void defaultsAreDocumented() {
        PoolOptions options = PoolOptions.defaults();
        assertEquals(8, options.maxConnectionsPerEndpoint());
        assertEquals(8, options.maxIdlePerEndpoint());
        assertEquals(Duration.ofMinutes(1), options.idleTimeout());
        assertEquals(Duration.ZERO, options.maxLifetime());
        assertEquals(Duration.ofSeconds(10), options.maxWait());
    }

    @Test
    void maxIdleFollowsMaxConnectionsUnlessSet() {
        PoolOptions four = PoolOptions.defaults().toBuilder().maxConnectionsPerEndpoint(4).build();
        assertEquals(4, four.maxIdlePerEndpoint());
        assertEquals(2, four.toBuilder().maxIdlePerEndpoint(2).build().maxIdlePerEndpoint());
        assertEquals(2, four.toBuilder().maxIdlePerEndpoint(2).build().toBuilder().maxConnectionsPerEndpoint(6).build()
                .maxIdlePerEndpoint());
        assertEquals(6, four.toBuilder().maxConnectionsPerEndpoint(6).build().maxIdlePerEndpoint());
    }

    @Test
    void zeroAndForeverDurationsAreAccepted() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        PoolOptions options = PoolOptions.builder().idleTimeout(Duration.ZERO).maxLifetime(forever).maxWait(forever).build();
        assertEquals(Duration.ZERO, options.idleTimeout());
        assertEquals(forever, options.maxWait());
    }

    @Test
    void badValuesAreRejectedNamingTheOptionAndValue() {
        assertMessage("maxConnectionsPerEndpoint must be at least 1, not 0",
                PoolOptions.builder().maxConnectionsPerEndpoint(0));
        assertMessage("maxIdlePerEndpoint 9 is more than maxConnectionsPerEndpoint 8",
                PoolOptions.builder().maxIdlePerEndpoint(9));
        assertMessage("maxIdlePerEndpoint must be zero or positive, not -1", PoolOptions.builder().maxIdlePerEndpoint(-1));
        assertMessage("idleTimeout must be zero (no limit) or positive, not PT-1S",
                PoolOptions.builder().idleTimeout(Duration.ofSeconds(-1)));
        assertMessage("maxLifetime must be zero (no limit) or positive, not PT-1S",
                PoolOptions.builder().maxLifetime(Duration.ofSeconds(-1)));
        assertMessage("maxWait must be zero or positive, not PT-1S", PoolOptions.builder().maxWait(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> PoolOptions.builder().idleTimeout(null));
    }

    private static void assertMessage(String message, PoolOptions.Builder builder) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    }
}
