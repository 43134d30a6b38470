package dev.shuttle.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a SOCKS4a CONNECT, for proxies too old for SOCKS5: an IPv4 address, or a
 * hostname the proxy resolves (the 4a extension: address {@code 0.0.0.1} followed by the name),
 * an optional user id, and the 8-byte reply.
 */
final class Socks4aHandshake {
    private static final int GRANTED = 90;

    private Socks4aHandshake() {}

    /**
     * Runs the handshake.
     *
     * @param host the target hostname, sent when {@code address} is {@code null}
     * @param address the target's IPv4 address, or {@code null} to let the proxy resolve {@code host}
     */
    static void run(InputStream in, OutputStream out, TunnelRequest request, String host, Inet4Address address, int port)
            throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(16 + host.length());
        message.write(4);
        message.write(1);
        message.write(port >> 8);
        message.write(port);
        message.writeBytes(address != null ? address.getAddress() : new byte[] {0, 0, 0, 1});
        request.proxy().user().ifPresent(user -> message.writeBytes(user.getBytes(StandardCharsets.UTF_8)));
        message.write(0);
        if (address == null) {
            message.writeBytes(host.getBytes(StandardCharsets.US_ASCII));
            message.write(0);
        }
        out.write(message.toByteArray());
        out.flush();
        byte[] reply = ProxyWire.readExactly(in, 8, request, "instead of answering the SOCKS4a CONNECT request");
        if (reply[0] != 0 && reply[0] != 4) {
            throw request.protocol(reply[0] == 'H'
                    ? "the proxy answered like an HTTP server, not a SOCKS4a proxy; use an http:// proxy URI"
                    : "the proxy does not speak SOCKS4a: its reply starts with version " + (reply[0] & 0xFF));
        }
        int code = reply[1] & 0xFF;
        String shown = " (SOCKS4 reply " + code + ")";
        switch (code) {
            case GRANTED -> {}
            case 91 -> throw request.refused("the proxy rejected the request or could not reach the target" + shown);
            case 92 -> throw request.refused("the proxy could not reach the client's identd to check the user id" + shown);
            case 93 -> throw request.refused("the proxy's identd check did not confirm the user id" + shown);
            default -> throw request.protocol("the proxy answered with unknown SOCKS4 reply code " + code);
        }
    }

    /** {@return whether SOCKS4a can carry this target address: IPv4 only} */
    static boolean carries(InetAddress address) {
        return address instanceof Inet4Address;
    }
}
