package dev.shuttle.internal.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client side of HTTP CONNECT (RFC 9110 section 9.3.6): the request with its {@code Host} and,
 * when credentials are given, a Basic {@code Proxy-Authorization} header; then the response head,
 * read up to its blank line and no further. A 2xx status opens the tunnel; any other status fails
 * with its status line.
 */
final class HttpConnectHandshake {
    /** The longest response head accepted: generous for a proxy's few headers. */
    static final int MAX_HEAD = 16 * 1024;

    private HttpConnectHandshake() {}

    /**
     * Runs the handshake.
     *
     * @param authority the target as {@code host:port}, an IPv6 literal in brackets
     */
    static void run(InputStream in, OutputStream out, TunnelRequest request, String authority) throws IOException {
        ProxyUri proxy = request.proxy();
        StringBuilder head = new StringBuilder(128)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (proxy.hasCredentials()) {
            String pair = proxy.username() + ":" + (proxy.password() == null ? "" : proxy.password());
            head.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String response = ProxyWire.readHead(in, MAX_HEAD, request);
        int end = response.indexOf('\n');
        String statusLine = ProxyWire.printable(end < 0 ? response : response.substring(0, end));
        int status = status(statusLine);
        if (status < 0) {
            throw request.protocol("the proxy does not speak HTTP: it answered CONNECT with '" + statusLine + "'");
        }
        if (status / 100 == 2) {
            return;
        }
        throw failure(request, status, statusLine);
    }

    private static IOException failure(TunnelRequest request, int status, String statusLine) {
        String shown = " ('" + statusLine + "')";
        return switch (status) {
            case 401, 407 -> request.refused(request.proxy().hasCredentials()
                    ? "the proxy refused the user name and password" + shown
                    : "the proxy requires authentication; give a user name and password in the proxy URI" + shown);
            case 403 -> request.refused("the proxy does not allow this connection" + shown);
            case 504 -> request.failure(SocketTimeoutException::new, "the proxy timed out reaching the target" + shown);
            case 502, 503 -> request.refused("the proxy could not connect to the target" + shown);
            default -> request.refused("the proxy answered CONNECT with '" + statusLine + "'");
        };
    }

    /** {@return the status code of an {@code HTTP/1.x NNN reason} line, or -1 if it is not one} */
    static int status(String statusLine) {
        if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            return -1;
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        if (statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            return -1;
        }
        return code < 100 ? -1 : code;
    }
}
