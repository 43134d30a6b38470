package dev.shuttle.internal.address;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source address the system would pick for a destination, learnt by connecting a UDP socket
 * (which sends nothing) and cached for 30 seconds, at most 4,096 destinations.
 */
final class SourceAddresses {
    static final SourceAddresses SYSTEM = new SourceAddresses();

    private static final long TTL_NANOS = 30_000_000_000L;
    private static final int MAX_ENTRIES = 4096;

    /** {@code source} is null when there is no route. */
    private record Entry(InetAddress source, long expires) {}

    private final Map<InetAddress, Entry> cache = new ConcurrentHashMap<>();

    /**
     * {@return the source address for a destination, or {@code null} when there is no route}
     *
     * @param destination the destination
     */
    InetAddress sourceFor(InetAddress destination) {
        long now = System.nanoTime();
        Entry entry = cache.get(destination);
        if (entry == null || now - entry.expires > 0) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            entry = new Entry(probe(destination), now + TTL_NANOS);
            cache.put(destination, entry);
        }
        return entry.source;
    }

    private static InetAddress probe(InetAddress destination) {
        if (destination.isLoopbackAddress()) {
            return destination;
        }
        StandardProtocolFamily family = destination instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try (DatagramChannel channel = DatagramChannel.open(family)) {
            channel.connect(new InetSocketAddress(destination, 9));
            InetAddress source = ((InetSocketAddress) channel.getLocalAddress()).getAddress();
            return source.isAnyLocalAddress() ? null : source;
        } catch (IOException | RuntimeException unreachable) {
            return null;
        }
    }
}
