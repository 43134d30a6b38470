package dev.shuttle.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a SOCKS5 CONNECT (RFC 1928): the method negotiation, username/password
 * authentication (RFC 1929) when the proxy asks for it, the request with an IPv4, IPv6 or domain
 * name target, and the reply, read to its last byte so the tunnel starts clean.
 */
final class Socks5Handshake {
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0x00;
    private static final int USERNAME_PASSWORD = 0x02;
    private static final int NO_ACCEPTABLE_METHODS = 0xFF;
    private static final int CONNECT = 1;
    private static final int IPV4 = 1;
    private static final int DOMAIN = 3;
    private static final int IPV6 = 4;

    private Socks5Handshake() {}

    /**
     * Runs the handshake.
     *
     * @param host the target as sent: a hostname (resolved by the proxy) or an IP literal
     * @param address the target's address when resolved here, or {@code null} to send {@code host}
     */
    static void run(InputStream in, OutputStream out, TunnelRequest request, String host, InetAddress address, int port)
            throws IOException {
        ProxyUri proxy = request.proxy();
        byte[] greeting = proxy.hasCredentials()
                ? new byte[] {VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD}
                : new byte[] {VERSION, 1, NO_AUTHENTICATION};
        out.write(greeting);
        out.flush();
        byte[] choice = ProxyWire.readExactly(in, 2, request, "instead of choosing a SOCKS5 authentication method");
        checkVersion(choice[0], request);
        int method = choice[1] & 0xFF;
        switch (method) {
            case NO_AUTHENTICATION -> {}
            case USERNAME_PASSWORD -> {
                if (!proxy.hasCredentials()) {
                    throw request.protocol("the proxy chose username/password authentication, which was not offered");
                }
                authenticate(in, out, request);
            }
            case NO_ACCEPTABLE_METHODS -> throw request.refused(proxy.hasCredentials()
                    ? "the proxy accepts neither no authentication nor a user name and password"
                    : "the proxy requires authentication; give a user name and password in the proxy URI");
            default -> throw request.protocol("the proxy chose SOCKS5 authentication method " + method
                    + ", which was not offered");
        }
        out.write(connectRequest(host, address, port));
        out.flush();
        byte[] head = ProxyWire.readExactly(in, 4, request, "instead of answering the SOCKS5 CONNECT request");
        checkVersion(head[0], request);
        int reply = head[1] & 0xFF;
        if (reply != 0) {
            throw Socks5Replies.failure(request, reply);
        }
        int boundLength = switch (head[3] & 0xFF) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN -> ProxyWire.readByte(in, request, "in the middle of its SOCKS5 reply");
            default -> throw request.protocol("the proxy's SOCKS5 reply has unknown address type " + (head[3] & 0xFF));
        };
        ProxyWire.readExactly(in, boundLength + 2, request, "in the middle of its SOCKS5 reply");
    }

    private static void checkVersion(byte version, TunnelRequest request) throws IOException {
        if (version != VERSION) {
            throw request.protocol(version == 'H'
                    ? "the proxy answered like an HTTP server, not a SOCKS5 proxy; use an http:// proxy URI"
                    : "the proxy does not speak SOCKS5: its answer starts with version " + (version & 0xFF));
        }
    }

    private static void authenticate(InputStream in, OutputStream out, TunnelRequest request) throws IOException {
        ProxyUri proxy = request.proxy();
        byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
        byte[] password = (proxy.password() == null ? "" : proxy.password()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream message = new ByteArrayOutputStream(3 + user.length + password.length);
        message.write(1);
        message.write(user.length);
        message.writeBytes(user);
        message.write(password.length);
        message.writeBytes(password);
        out.write(message.toByteArray());
        out.flush();
        byte[] status = ProxyWire.readExactly(in, 2, request, "instead of answering the user name and password");
        if (status[1] != 0) {
            throw request.refused("the proxy refused the user name and password (RFC 1929 status " + (status[1] & 0xFF) + ")");
        }
    }

    private static byte[] connectRequest(String host, InetAddress address, int port) {
        ByteArrayOutputStream request = new ByteArrayOutputStream(22 + host.length());
        request.write(VERSION);
        request.write(CONNECT);
        request.write(0);
        if (address != null) {
            request.write(address instanceof Inet4Address ? IPV4 : IPV6);
            request.writeBytes(address.getAddress());
        } else {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            request.write(DOMAIN);
            request.write(name.length);
            request.writeBytes(name);
        }
        request.write(port >> 8);
        request.write(port);
        return request.toByteArray();
    }
}
