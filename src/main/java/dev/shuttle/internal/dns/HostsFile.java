package dev.shuttle.internal.dns;

import dev.shuttle.internal.uri.HostNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hosts file, read as the C library reads it: a line is an IP address and the names it
 * stands for, {@code #} starts a comment, a line or word that cannot be used is ignored, and the
 * first line naming a host wins for its family. Names match exactly as looked up (case aside, and
 * a final dot), without search domains.
 *
 * <p>The file is read as UTF-8, a byte that is not UTF-8 spoiling only its own word: dnsjava's
 * {@code HostsFileParser}, used before, decodes strictly, and on one such byte (a comment in
 * Latin-1) its lookup session silently skipped the whole file. The file is checked for changes at
 * most every {@value #RECHECK_MILLIS} ms and read again when its size or time changed; at most
 * its first {@value #MAX_BYTES} bytes are read.
 */
final class HostsFile {
    static final long RECHECK_MILLIS = 5_000;
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private record Snapshot(Map<String, InetAddress> ipv4, Map<String, InetAddress> ipv6, FileTime modified, long size,
            long checkedAt) {}

    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot snapshot;

    HostsFile(Path path) {
        this.path = path;
    }

    /** {@return the system's hosts file: {@code /etc/hosts}, or Windows' own} */
    static Path systemPath() {
        String root = System.getenv("SystemRoot");
        return System.getProperty("os.name", "").startsWith("Windows") && root != null
                ? Path.of(root, "System32", "drivers", "etc", "hosts")
                : Path.of("/etc/hosts");
    }

    /**
     * Finds a host's address of one family. Blocks on reading the file when it changed.
     *
     * @param host a canonical host (lower-case ASCII), with or without a final dot
     * @param family {@link StandardProtocolFamily#INET} or {@link StandardProtocolFamily#INET6}
     * @return the address of the first line naming the host, named after it; empty if none
     */
    Optional<InetAddress> address(String host, StandardProtocolFamily family) {
        Snapshot current = current();
        String key = key(host);
        InetAddress found = (family == StandardProtocolFamily.INET ? current.ipv4() : current.ipv6()).get(key);
        return found == null ? Optional.empty() : Optional.of(named(host, found));
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < RECHECK_MILLIS * 1_000_000) {
            return current;
        }
        lock.lock();
        try {
            current = snapshot;
            if (current != null && System.nanoTime() - current.checkedAt() < RECHECK_MILLIS * 1_000_000) {
                return current;
            }
            FileTime modified;
            long size;
            try {
                modified = Files.getLastModifiedTime(path);
                size = Files.size(path);
            } catch (IOException e) {
                snapshot = new Snapshot(Map.of(), Map.of(), null, -1, System.nanoTime());
                return snapshot;
            }
            if (current != null && modified.equals(current.modified()) && size == current.size()) {
                snapshot = new Snapshot(current.ipv4(), current.ipv6(), modified, size, System.nanoTime());
            } else {
                snapshot = read(modified, size);
            }
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    private Snapshot read(FileTime modified, long size) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            return new Snapshot(Map.of(), Map.of(), null, -1, System.nanoTime());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (bytes.length == MAX_BYTES) {
            text = text.substring(0, Math.max(0, text.lastIndexOf('\n'))); // never a line cut short
        }
        Map<String, InetAddress> ipv4 = new HashMap<>();
        Map<String, InetAddress> ipv6 = new HashMap<>();
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String[] words = (comment >= 0 ? line.substring(0, comment) : line).strip().split("\\s+");
            InetAddress address = words.length > 1 ? address(words[0]) : null;
            if (address == null) {
                continue;
            }
            Map<String, InetAddress> family = address instanceof Inet6Address ? ipv6 : ipv4;
            for (int i = 1; i < words.length; i++) {
                String name = name(words[i]);
                if (name != null) {
                    family.putIfAbsent(name, address);
                }
            }
        }
        return new Snapshot(Map.copyOf(ipv4), Map.copyOf(ipv6), modified, size, System.nanoTime());
    }

    /** {@return the IP address a word spells, strictly (no short or numeric IPv4 forms), or null} */
    private static InetAddress address(String word) {
        try {
            return HostNames.literal(HostNames.normalise(word));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@return the canonical name a word spells, or null for an IP address or a word that is no hostname} */
    private static String name(String word) {
        try {
            String canonical = HostNames.normalise(word);
            return HostNames.literal(canonical) == null ? key(canonical) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String key(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static InetAddress named(String host, InetAddress address) {
        try {
            if (address instanceof Inet6Address v6) {
                return v6.getScopedInterface() != null
                        ? Inet6Address.getByAddress(host, v6.getAddress(), v6.getScopedInterface())
                        : Inet6Address.getByAddress(host, v6.getAddress(), v6.getScopeId() > 0 ? v6.getScopeId() : -1);
            }
            return InetAddress.getByAddress(host, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address from the hosts file has a valid length", e);
        }
    }
}
