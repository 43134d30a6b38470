package dev.shuttle.internal.proxyprotocol;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes the PROXY protocol header HAProxy's {@code send-proxy} (v1) and {@code send-proxy-v2}
 * (v2) send: the original client and the address it connected to. When one address is IPv4 and
 * the other IPv6, the IPv4 one is written as an IPv4-mapped IPv6 address, since a header has one
 * family. Without addresses it writes {@code PROXY UNKNOWN} (v1) or the {@code LOCAL} command (v2).
 */
public final class ProxyHeaderWriter {
    private ProxyHeaderWriter() {}

    /**
     * {@return the header}
     *
     * @param version 1 or 2
     * @param source the original client, or {@code null} for none
     * @param destination where the client connected, or {@code null} for none
     */
    public static byte[] header(int version, InetSocketAddress source, InetSocketAddress destination) {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY protocol version must be 1 or 2, not " + version);
        }
        boolean known = source != null && destination != null && !source.isUnresolved() && !destination.isUnresolved();
        if (!known) {
            return version == 1 ? "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII) : v2Local();
        }
        InetAddress from = source.getAddress();
        InetAddress to = destination.getAddress();
        boolean v4 = from instanceof Inet4Address && to instanceof Inet4Address;
        if (!v4) {
            from = asIpv6(from);
            to = asIpv6(to);
        }
        if (version == 1) {
            String line = "PROXY " + (v4 ? "TCP4 " : "TCP6 ") + text(from) + " " + text(to) + " "
                    + source.getPort() + " " + destination.getPort() + "\r\n";
            return line.getBytes(StandardCharsets.US_ASCII);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(52);
        out.writeBytes(ProxyHeaderParser.V2_SIGNATURE);
        out.write(0x21);
        out.write(v4 ? 0x11 : 0x21);
        int length = v4 ? 12 : 36;
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(from.getAddress());
        out.writeBytes(to.getAddress());
        out.write(source.getPort() >> 8);
        out.write(source.getPort());
        out.write(destination.getPort() >> 8);
        out.write(destination.getPort());
        return out.toByteArray();
    }

    private static byte[] v2Local() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        out.writeBytes(ProxyHeaderParser.V2_SIGNATURE);
        out.write(0x20);
        out.write(0x00);
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    private static InetAddress asIpv6(InetAddress address) {
        if (address instanceof Inet6Address) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
        try {
            // getByAddress would turn a mapped address back into IPv4.
            return Inet6Address.getByAddress(null, mapped, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    private static String text(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
