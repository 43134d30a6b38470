package dev.shuttle.internal.proxy;

import dev.shuttle.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.Function;

/**
 * One tunnel being set up: the target asked for and the proxy asked to reach it, and the wording
 * of every failure: {@code Connection to tcp://example.com:80 through socks5://127.0.0.1:1080
 * failed: the proxy refused: connection refused by the target (SOCKS5 reply 5)}. The proxy's
 * credentials never appear.
 *
 * @param target where the tunnel goes
 * @param proxy the proxy
 */
public record TunnelRequest(Endpoint target, ProxyUri proxy) {

    /** {@return the failure with the given standard type and reason} */
    public IOException failure(Function<String, ? extends IOException> type, String reason) {
        return type.apply("Connection to " + target + " through " + proxy + " failed: " + reason);
    }

    /** {@return the proxy refused the tunnel for a reason that is a refusal} */
    public ConnectException refused(String reason) {
        return (ConnectException) failure(ConnectException::new, reason);
    }

    /** {@return the target cannot be reached from the proxy} */
    public NoRouteToHostException unreachable(String reason) {
        return (NoRouteToHostException) failure(NoRouteToHostException::new, reason);
    }

    /** {@return the proxy answered with something this protocol does not allow} */
    public ProtocolException protocol(String reason) {
        return (ProtocolException) failure(ProtocolException::new, reason);
    }

    /** {@return the proxy closed the connection before the tunnel was up} */
    public SocketException closed(String during) {
        return (SocketException) failure(SocketException::new, "the proxy closed the connection " + during);
    }

    /** {@return the proxy gave up reaching the target in time} */
    public SocketTimeoutException timedOut(String reason) {
        return (SocketTimeoutException) failure(SocketTimeoutException::new, reason);
    }
}
