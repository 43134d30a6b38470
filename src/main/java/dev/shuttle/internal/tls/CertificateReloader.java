package dev.shuttle.internal.tls;

import dev.shuttle.tls.TlsCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManager;

/**
 * A TLS server's certificates, replaceable while it serves: {@link #reload()} rereads the files
 * they came from, {@link #replace} takes new ones, and with a watch interval
 * {@link #checkFiles} (called as a handshake starts, at most once per interval) rereads them when
 * a file's modification time or size changed. All or nothing: a bad file leaves the certificates
 * as they were. New handshakes use the new certificates; connections already made are untouched.
 * Thread-safe.
 */
public final class CertificateReloader {
    private final ReloadableKeyManager keys;
    private final ReentrantLock lock = new ReentrantLock();
    private final Duration watchInterval;
    private final LongSupplier clock;
    private final AtomicLong nextCheck;
    private volatile List<TlsCertificate> certificates;
    /** The files' stamps when last read or tried; guarded by {@link #lock}. */
    private List<String> stamps;

    /**
     * Holds a server's certificates.
     *
     * @param certificates the certificates it starts with
     * @param watchInterval how often the files are checked, or {@code null} not to watch them
     * @param clock nanoseconds, for the watch interval
     */
    public CertificateReloader(List<TlsCertificate> certificates, Duration watchInterval, LongSupplier clock) {
        this.certificates = List.copyOf(certificates);
        this.keys = new ReloadableKeyManager(this.certificates);
        this.watchInterval = watchInterval;
        this.clock = clock;
        this.nextCheck = new AtomicLong(watchInterval == null ? 0 : clock.getAsLong() + watchInterval.toNanos());
        this.stamps = stamps(this.certificates);
    }

    KeyManager keyManager() {
        return keys;
    }

    /** {@return the certificates new handshakes use} */
    public List<TlsCertificate> certificates() {
        return certificates;
    }

    /**
     * Rereads every certificate that was read from files; those made in memory stay as they are.
     *
     * @throws IllegalArgumentException naming the file and the fault; nothing changed then
     */
    public void reload() {
        lock.lock();
        try {
            List<TlsCertificate> reread = new ArrayList<>();
            List<String> now = stamps(certificates);
            for (TlsCertificate certificate : certificates) {
                reread.add(certificate.reread());
            }
            install(reread, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the certificates.
     *
     * @param replacements the new certificates, the default first (as for the server's options)
     * @throws IllegalArgumentException if there are none
     */
    public void replace(List<TlsCertificate> replacements) {
        Objects.requireNonNull(replacements, "certificates");
        if (replacements.isEmpty()) {
            throw new IllegalArgumentException("a TLS server needs at least one certificate: the list given is empty");
        }
        List<TlsCertificate> copy = List.copyOf(replacements);
        lock.lock();
        try {
            install(copy, stamps(copy));
        } finally {
            lock.unlock();
        }
    }

    /**
     * When watching and the interval has passed, rereads the files if one of them changed; one
     * caller at a time does so, the others go on at once. A bad file is reported once per change
     * and the certificates stay as they were.
     *
     * @param report what receives a failed reload: an {@link IllegalArgumentException} naming
     *     the file and the fault
     */
    public void checkFiles(Consumer<? super IllegalArgumentException> report) {
        if (watchInterval == null) {
            return;
        }
        long now = clock.getAsLong();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + watchInterval.toNanos()) || !lock.tryLock()) {
            return;
        }
        IllegalArgumentException failure = null;
        try {
            List<String> current = stamps(certificates);
            if (current.equals(stamps)) {
                return;
            }
            stamps = current; // tried: a bad version is reported once, not at every handshake
            List<TlsCertificate> reread = new ArrayList<>();
            for (TlsCertificate certificate : certificates) {
                reread.add(certificate.reread());
            }
            install(reread, current);
        } catch (IllegalArgumentException e) {
            failure = e;
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            report.accept(failure);
        }
    }

    private void install(List<TlsCertificate> replacements, List<String> newStamps) {
        keys.replace(replacements);
        certificates = replacements;
        stamps = newStamps;
    }

    /** Each file's path, modification time and size, or that it cannot be read. */
    private static List<String> stamps(List<TlsCertificate> certificates) {
        List<String> stamps = new ArrayList<>();
        for (TlsCertificate certificate : certificates) {
            for (Path file : certificate.files()) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    stamps.add(file + " " + attributes.lastModifiedTime() + " " + attributes.size());
                } catch (IOException e) {
                    stamps.add(file + " unreadable");
                }
            }
        }
        return stamps;
    }
}
