package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JsseLoggingTest {
    @Test
    void bouncyCastlesPerConnectionInfoLoggingIsQuietUnlessTheApplicationConfiguredIt() {
        BouncyCastle.jsse();
        if (BouncyCastle.quietedLogging()) {
            assertEquals(Level.WARNING, Logger.getLogger("org.bouncycastle.jsse").getLevel());
        }
    }
}
