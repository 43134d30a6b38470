package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.tls.TlsCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watching certificate files on a controlled clock: checked once per interval, reread on a change, a bad file told once. */
class CertificateReloaderTest {
    private static final TlsCertificate OLD = TlsCertificate.selfSigned("app.test");
    private static final TlsCertificate NEW = TlsCertificate.selfSigned("app.test");

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong();
    private final List<IllegalArgumentException> reports = new CopyOnWriteArrayList<>();

    private Path chain() {
        return directory.resolve("tls.crt");
    }

    private Path key() {
        return directory.resolve("tls.key");
    }

    private void write(TlsCertificate certificate, long secondsLater) throws Exception {
        TestCertificates.writePem(chain(), certificate.chain());
        TestCertificates.writePkcs8Key(key(), certificate.privateKey());
        stamp(chain(), secondsLater);
        stamp(key(), secondsLater);
    }

    private static void stamp(Path file, long seconds) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + seconds * 1000));
    }

    private X509Leaf leaf(CertificateReloader reloader) {
        return new X509Leaf(reloader.certificates().getFirst().chain().getFirst().getSerialNumber().toString());
    }

    private record X509Leaf(String serial) {}

    private static X509Leaf leaf(TlsCertificate certificate) {
        return new X509Leaf(certificate.chain().getFirst().getSerialNumber().toString());
    }

    @Test
    void aChangedFileIsRereadOnlyOnceTheIntervalHasPassed() throws Exception {
        write(OLD, 0);
        CertificateReloader reloader = new CertificateReloader(List.of(TlsCertificate.fromPem(chain(), key())),
                Duration.ofSeconds(10), now::get);
        write(NEW, 1);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        reloader.checkFiles(reports::add);
        assertEquals(leaf(OLD), leaf(reloader), "not yet: the interval has not passed");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        reloader.checkFiles(reports::add);
        assertEquals(leaf(NEW), leaf(reloader));
        assertTrue(reports.isEmpty(), reports.toString());
    }

    @Test
    void aBadFileIsToldOnceAndTheCertificatesStay() throws Exception {
        write(OLD, 0);
        CertificateReloader reloader = new CertificateReloader(List.of(TlsCertificate.fromPem(chain(), key())),
                Duration.ofSeconds(1), now::get);
        Files.writeString(key(), "garbage", StandardCharsets.US_ASCII);
        stamp(key(), 5);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            reloader.checkFiles(reports::add);
        }
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.getFirst().getMessage().contains(key().toString()), reports.getFirst().getMessage());
        assertEquals(leaf(OLD), leaf(reloader));
        write(NEW, 9); // the renewal completes
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        reloader.checkFiles(reports::add);
        assertEquals(leaf(NEW), leaf(reloader));
    }

    @Test
    void withoutAWatchIntervalFilesAreNeverLookedAt() throws Exception {
        write(OLD, 0);
        CertificateReloader reloader = new CertificateReloader(List.of(TlsCertificate.fromPem(chain(), key())), null, now::get);
        write(NEW, 1);
        now.addAndGet(Duration.ofDays(1).toNanos());
        reloader.checkFiles(reports::add);
        assertEquals(leaf(OLD), leaf(reloader));
        reloader.reload();
        assertEquals(leaf(NEW), leaf(reloader));
    }
}
