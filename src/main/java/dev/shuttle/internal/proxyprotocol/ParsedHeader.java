package dev.shuttle.internal.proxyprotocol;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A PROXY protocol header as read: its version, whether it carries addresses (a {@code PROXY}
 * command over TCP) or not ({@code LOCAL}, {@code UNKNOWN}, UDP, Unix or unspecified families),
 * and the v2 TLVs in the order sent.
 *
 * @param version 1 or 2
 * @param source the original client, or {@code null} when the header carries no TCP addresses
 * @param destination the address the client connected to, or {@code null} as {@code source}
 * @param tlvs the v2 type-length-value fields; empty for v1
 * @param length the header's length in bytes
 */
public record ParsedHeader(int version, InetSocketAddress source, InetSocketAddress destination, List<Tlv> tlvs, int length) {

    public ParsedHeader {
        tlvs = List.copyOf(tlvs);
    }

    /**
     * One v2 TLV.
     *
     * @param type the type byte, 0 to 255
     * @param value its value (not copied: do not change it)
     */
    public record Tlv(int type, byte[] value) {}
}
