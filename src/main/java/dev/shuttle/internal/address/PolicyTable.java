package dev.shuttle.internal.address;

import dev.shuttle.internal.uri.MappedIpv6;
import java.net.InetAddress;

/**
 * The default policy table of RFC 6724 section 2.1: precedence and label by longest matching
 * prefix, with IPv4 addresses seen as IPv4-mapped IPv6 ({@code ::ffff:0:0/96}).
 */
final class PolicyTable {
    private record Entry(byte[] prefix, int length, int precedence, int label) {}

    private static final Entry[] ENTRIES = {
        entry("::1", 128, 50, 0),
        entry("::ffff:0:0", 96, 35, 4),
        entry("2002::", 16, 30, 2),
        entry("2001::", 32, 5, 5),
        entry("fc00::", 7, 3, 13),
        entry("::", 96, 1, 3),
        entry("fec0::", 10, 1, 11),
        entry("3ffe::", 16, 1, 12),
        entry("::", 0, 40, 1),
    };

    private PolicyTable() {}

    private static Entry entry(String prefix, int length, int precedence, int label) {
        // ofLiteral gives an Inet4Address for ::ffff:0:0; the table wants its 16 bytes.
        return new Entry(MappedIpv6.bytes(InetAddress.ofLiteral(prefix)), length, precedence, label);
    }

    static int precedence(InetAddress address) {
        return match(address).precedence;
    }

    static int label(InetAddress address) {
        return match(address).label;
    }

    private static Entry match(InetAddress address) {
        byte[] bytes = MappedIpv6.bytes(address);
        Entry best = ENTRIES[ENTRIES.length - 1];
        for (Entry entry : ENTRIES) {
            if (entry.length > best.length && commonPrefix(bytes, entry.prefix) >= entry.length) {
                best = entry;
            }
        }
        return best;
    }


    /** {@return how many leading bits two addresses of the same length share} */
    static int commonPrefix(byte[] a, byte[] b) {
        int bits = 0;
        for (int i = 0; i < a.length; i++) {
            int diff = (a[i] ^ b[i]) & 0xff;
            if (diff != 0) {
                return bits + Integer.numberOfLeadingZeros(diff) - 24;
            }
            bits += 8;
        }
        return bits;
    }
}
