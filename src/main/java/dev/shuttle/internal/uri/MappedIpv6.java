package dev.shuttle.internal.uri;

import java.net.InetAddress;

/** An address as the 16 bytes of IPv6: an IPv4 address in its IPv4-mapped form ({@code ::ffff:a.b.c.d}). */
public final class MappedIpv6 {
    private MappedIpv6() {}

    /**
     * {@return the 16 bytes of an IPv6 address, or of the IPv4-mapped form of an IPv4 address}
     *
     * @param address either family
     */
    public static byte[] bytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}
