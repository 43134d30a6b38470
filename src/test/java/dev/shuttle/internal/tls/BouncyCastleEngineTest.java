package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * TLS over Unix sockets and socketless STARTTLS run on {@code SSLContext.createSSLEngine}. The 1.86
 * bctls jar threw {@code NoSuchMethodError} there on every JDK from 9 (bc-java #2448): this fails
 * at once if a BouncyCastle upgrade brings that back, before any connection test has to.
 */
class BouncyCastleEngineTest {
    @Test
    void bouncyCastlesContextCreatesEnginesWithAndWithoutAPeer() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", BouncyCastle.jsse());
        context.init(null, null, BouncyCastle.random());

        SSLEngine anonymous = context.createSSLEngine();
        SSLEngine named = context.createSSLEngine("example.test", 443);

        assertEquals(null, anonymous.getPeerHost());
        assertEquals("example.test", named.getPeerHost());
        assertEquals(443, named.getPeerPort());
        named.setUseClientMode(true);
        assertTrue(named.getUseClientMode());
        assertFalse(anonymous.isOutboundDone());
    }
}
