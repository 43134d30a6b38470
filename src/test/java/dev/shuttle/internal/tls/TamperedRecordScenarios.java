package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connection;
import dev.shuttle.StartTls;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.testing.NetworkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A record changed on the wire after the handshake, written once and run over every TLS path:
 * Shuttle's {@code SSLEngine} loop over TCP, over a Unix socket, and for STARTTLS over a connection
 * without a socket. The read that meets it fails, and so does every
 * later read: a failed connection must never read as a clean end of stream ({@code -1}), which
 * code that catches and reads again would take for the peer's {@code close_notify}.
 *
 * <p>The server forges the record itself: after its greeting it writes, on the plaintext
 * transport under TLS, an application-data record whose bytes no key encrypted (what an attacker
 * flipping bits on the path produces), then waits for the client to go.
 */
@NetworkTest
abstract class TamperedRecordScenarios {
    static final TestCertificates PKI = TestCertificates.ec();

    static {
        TlsWarmUp.once();
    }

    /** {@return where the plaintext server listens; its handler starts TLS itself} */
    abstract String listenUri();

    /** {@return the connection TLS is started over on the server's side; the transport by default} */
    Connection serverTransport(Connection plain) {
        return plain;
    }

    /** {@return a TLS client connection to the server, verifying the name localhost} */
    abstract Connection connect(EchoServer server, TlsOptions options) throws Exception;

    /** A TLS 1.2/1.3 application-data record of 32 bytes that no key encrypted: its tag cannot verify. */
    static byte[] forgedRecord() {
        byte[] record = new byte[5 + 32];
        record[0] = 23; // application_data
        record[1] = 3;
        record[2] = 3;
        record[4] = 32;
        Arrays.fill(record, 5, record.length, (byte) 0x5a);
        return record;
    }

    private EchoServer forgingServer() throws IOException {
        TlsServerOptions options = TlsServerOptions.builder().certificate(PKI.server()).build();
        return EchoServer.start(listenUri(), null, plain -> {
            Connection secure = StartTls.server(serverTransport(plain), options);
            secure.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            secure.output().flush();
            OutputStream raw = plain.output();
            raw.write(forgedRecord());
            raw.flush();
            // Stay until the client goes, so that the end of the transport is not what it reads.
            while (plain.input().read() >= 0) {
                // The client's alert, if any: not decrypted here.
            }
        });
    }

    @Test
    void aTamperedRecordFailsTheReadAndEveryLaterRead() throws Exception {
        TlsOptions options = TlsOptions.builder().trustStore(PKI.caStore()).serverName("localhost").build();
        try (EchoServer server = forgingServer(); Connection connection = connect(server, options)) {
            assertEquals("hello", new String(connection.input().readNBytes(5), StandardCharsets.US_ASCII));
            IOException first = assertThrows(IOException.class, () -> connection.input().read(),
                    "a tampered record must fail the read");
            assertContains(first, "bad_record_mac");
            NoProviderTypesTest.assertNoProviderType(first);
            for (int i = 0; i < 3; i++) {
                IOException later = assertThrows(IOException.class, () -> connection.input().read(),
                        "a read after a tampered record must fail too, never report the end of the stream");
                assertContains(later, "bad_record_mac", "TLS connection with ");
                NoProviderTypesTest.assertNoProviderType(later);
            }
        }
    }
}
