package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.PemFiles;
import dev.shuttle.internal.tls.trust.Pkcs12Files;
import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.tls.TlsCertificate;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM and PKCS#12 files are read up to a limit of 8 MiB, far above any CA bundle: a larger file,
 * or an endless one such as {@code /dev/zero}, is refused naming the file and the limit, instead
 * of being read until memory runs out.
 */
class KeyFileSizeTest {
    private static final Path ENDLESS = Path.of("/dev/zero");

    @TempDir
    Path dir;

    @Test
    void aPemFileOfExactlyTheLimitIsRead() throws Exception {
        TlsCertificate server = TestCertificates.ec().server();
        byte[] pem = Files.readAllBytes(TestCertificates.writePem(dir.resolve("chain.pem"), server.chain()));
        byte[] padded = new byte[PemFiles.MAX_FILE_SIZE];
        System.arraycopy(pem, 0, padded, 0, pem.length);
        // The rest: comment lines, as a large CA bundle has between its blocks.
        for (int i = pem.length; i < padded.length; i++) {
            padded[i] = (byte) ((i - pem.length) % 64 == 63 || i == padded.length - 1 ? '\n' : '#');
        }
        Path file = Files.write(dir.resolve("padded.pem"), padded);
        assertEquals(server.chain(), PemFiles.certificates(file, "trusted CA file"));
    }

    @Test
    void aPemFileOverTheLimitIsRefusedNamingTheFileAndTheLimit() throws Exception {
        Path file = sparse("huge.pem", PemFiles.MAX_FILE_SIZE + 1L);
        assertContains(assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(file, "trusted CA file")),
                "trusted CA file " + file, "larger than 8388608 bytes");
        assertContains(assertThrows(IllegalArgumentException.class, () -> PemFiles.chain(file)),
                "certificate chain " + file, "larger than 8388608 bytes");
        assertContains(assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(file, null)),
                "private key " + file, "larger than 8388608 bytes");
    }

    @Test
    void aPkcs12FileOverTheLimitIsRefusedNamingTheFileAndTheLimit() throws Exception {
        Path file = sparse("huge.p12", PemFiles.MAX_FILE_SIZE + 1L);
        assertContains(assertThrows(IllegalArgumentException.class, () -> Pkcs12Files.load(file, "changeit".toCharArray())),
                "PKCS#12 file " + file, "larger than 8388608 bytes");
    }

    @Test
    void anEndlessFileIsRefusedAfterTheLimitInsteadOfFillingTheHeap() {
        assumeTrue(Files.isReadable(ENDLESS), "/dev/zero is readable");
        for (Runnable read : List.<Runnable>of(
                () -> PemFiles.certificates(ENDLESS, "trusted CA file"),
                () -> PemFiles.privateKey(ENDLESS, "secret".toCharArray()),
                () -> Pkcs12Files.load(ENDLESS, "changeit".toCharArray()))) {
            assertContains(assertThrows(IllegalArgumentException.class, read::run), ENDLESS.toString(),
                    "larger than 8388608 bytes");
        }
    }

    @Test
    void aSmallPkcs12FileStillLoads() throws Exception {
        TlsCertificate server = TestCertificates.ec().server();
        Path file = dir.resolve("server.p12");
        TestCertificates.writePkcs12(file, server, "changeit".toCharArray());
        assertEquals(1, java.util.Collections.list(Pkcs12Files.load(file, "changeit".toCharArray()).aliases()).size());
    }

    private Path sparse(String name, long size) throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write("# not a certificate\n".getBytes(StandardCharsets.US_ASCII));
            out.setLength(size);
        }
        return file;
    }
}
