package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JsseLoggingTest {
    @Test
    void bouncyCastlesPerConnectionInfoLoggingIsQuietUnlessTheApplicationConfiguredIt() {
        BouncyCastle.jsse();
        assertTrue(BouncyCastle.quietedLogging(), "the test JVM configures no JUL level for BouncyCastle");
        assertEquals(Level.WARNING, Logger.getLogger("org.bouncycastle.jsse").getLevel());
    }
}
