package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.EOFException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.Test;

/** A provider chain becomes JDK types with the same words; a chain without one is kept as it is. */
class ProviderCausesTest {

    @Test
    void aChainWithoutProviderTypesIsKeptAsItIs() {
        IOException plain = new EOFException("the peer closed");
        plain.initCause(new java.net.SocketException("Connection reset"));
        assertSame(plain, ProviderCauses.scrubbed(plain));
        assertSame(null, ProviderCauses.scrubbed(null));
    }

    @Test
    void providerTypesAndTheExceptionsWrappingThemBecomeJdkTypesWithTheSameWords() {
        TlsFatalAlertReceived received = new TlsFatalAlertReceived(AlertDescription.certificate_unknown);
        SSLException wrapper = new SSLException(received); // message: "org.bouncycastle.tls.TlsFatalAlertReceived: ..."
        wrapper.addSuppressed(new TlsFatalAlert(AlertDescription.bad_record_mac));
        SSLHandshakeException top = new SSLHandshakeException("TLS handshake with tls://127.0.0.1:1 failed");
        top.initCause(wrapper);

        Throwable clean = ProviderCauses.scrubbed(top);

        assertInstanceOf(SSLHandshakeException.class, clean);
        assertEquals(top.getMessage(), clean.getMessage());
        Throwable cause = clean.getCause();
        assertEquals(SSLException.class, cause.getClass());
        assertEquals("TlsFatalAlertReceived: certificate_unknown(46)", cause.getMessage());
        assertEquals(SSLException.class, cause.getCause().getClass());
        assertEquals("fatal alert received: certificate_unknown(46)", cause.getCause().getMessage());
        assertEquals("fatal alert raised: bad_record_mac(20)", cause.getSuppressed()[0].getMessage());
        assertEquals(received.getStackTrace().length, cause.getCause().getStackTrace().length);
        NoProviderTypesTest.assertNoProviderType(clean);
    }
}
