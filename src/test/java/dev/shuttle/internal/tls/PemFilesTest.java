package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.PemFiles;
import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    @Test
    void certificatesIgnoreUtf8CommentsOtherBytesAndAByteOrderMarkOutsideTheBlocks() throws Exception {
        TlsCertificate server = TestCertificates.ec().server();
        String pem = Files.readString(TestCertificates.writePem(dir.resolve("chain.pem"), server.chain()));
        Path withBom = write("bom.pem", UTF8_BOM, pem.getBytes(StandardCharsets.US_ASCII));
        Path cacert = write("cacert.pem",
                "##\n## Bundle of CA Root Certificates\n##\n\n# Issuer: CN=NetLock Arany (Class Gold) Főtanúsítvány\n"
                        .getBytes(StandardCharsets.UTF_8),
                new byte[] {'#', ' ', (byte) 0xFF, (byte) 0xC3, '\n'}, // not UTF-8 at all
                pem.getBytes(StandardCharsets.US_ASCII));
        Path both = write("both.pem", UTF8_BOM, "# Owner: Zoë\n".getBytes(StandardCharsets.UTF_8), pem.getBytes(StandardCharsets.US_ASCII));

        for (Path file : new Path[] {withBom, cacert, both}) {
            assertEquals(server.chain(), PemFiles.certificates(file, "trusted CA file"), file.toString());
        }
        assertEquals(server.chain(), TlsOptions.builder().trustPem(cacert).build().trustedCertificates());
        TlsCertificate rsa = TestCertificates.rsa().server();
        Path rsaChain = write("rsa-bom.pem", UTF8_BOM, Files.readAllBytes(TestCertificates.writePem(dir.resolve("rsa.pem"), rsa.chain())));
        Path rsaKey = write("rsa-bom.key", UTF8_BOM,
                Files.readAllBytes(TestCertificates.writePkcs8Key(dir.resolve("rsa.key"), rsa.privateKey())));
        assertArrayEquals(rsa.privateKey().getEncoded(), PemFiles.privateKey(rsaKey, null).getEncoded());
        assertEquals(rsa.chain(), TlsCertificate.fromPem(rsaChain, rsaKey).chain());
    }

    @Test
    void aNonAsciiByteInsideABlockStillFailsNamingTheFile() throws Exception {
        TlsCertificate server = TestCertificates.ec().server();
        String pem = Files.readString(TestCertificates.writePem(dir.resolve("chain.pem"), server.chain()));
        int middle = pem.indexOf('\n', pem.indexOf("-----BEGIN CERTIFICATE-----") + 30);
        Path broken = write("broken.pem", pem.substring(0, middle).getBytes(StandardCharsets.US_ASCII),
                "é".getBytes(StandardCharsets.UTF_8), pem.substring(middle).getBytes(StandardCharsets.US_ASCII));

        assertContains(assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(broken, "trusted CA file")),
                "trusted CA file " + broken, "cannot be read as PEM");
        Path key = Files.readString(TestCertificates.writePkcs8Key(dir.resolve("server.key"), server.privateKey()))
                .transform(text -> text.replaceFirst("\n(.)", "\n\u00ff$1"))
                .transform(text -> write("broken.key", text.getBytes(StandardCharsets.ISO_8859_1)));
        assertContains(assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(key, null)),
                "private key " + key, "cannot be read as PEM");
    }

    private Path write(String name, byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        try {
            return Files.write(dir.resolve(name), bytes.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
