package dev.shuttle.internal.proxy;

import java.io.IOException;

/** The SOCKS5 reply codes (RFC 1928 section 6) in words, each as the standard exception it means. */
final class Socks5Replies {
    private Socks5Replies() {}

    /** {@return the failure for a reply other than 0 (succeeded)} */
    static IOException failure(TunnelRequest request, int reply) {
        String code = " (SOCKS5 reply " + reply + ")";
        return switch (reply) {
            case 1 -> request.failure(java.net.SocketException::new, "the proxy reported a general SOCKS server failure" + code);
            case 2 -> request.refused("the proxy's rules do not allow this connection" + code);
            case 3 -> request.unreachable("the proxy cannot reach the target's network" + code);
            case 4 -> request.unreachable("the proxy cannot reach the target host" + code);
            case 5 -> request.refused("the target refused the proxy's connection" + code);
            case 6 -> request.unreachable("the TTL expired on the way to the target" + code);
            case 7 -> request.protocol("the proxy does not support the CONNECT command" + code);
            case 8 -> request.protocol("the proxy does not support this address type" + code);
            default -> request.protocol("the proxy answered with unknown SOCKS5 reply code " + reply);
        };
    }
}
