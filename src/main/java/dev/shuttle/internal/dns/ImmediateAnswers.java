package dev.shuttle.internal.dns;

import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

/**
 * A resolver that can tell, without waiting, the answers it already has: a cached answer, an IP
 * literal, {@code localhost}. A happy-eyeballs race asks it first, on its own thread, and starts a
 * lookup on a thread of its own only for a family it cannot answer so.
 */
public interface ImmediateAnswers {
    /**
     * Answers one family of a host if that needs no waiting.
     *
     * @param host the hostname, as given to {@code lookup}
     * @param family {@code INET6} or {@code INET}
     * @return the addresses of that family (possibly none), or {@code null} when only a lookup can
     *     tell: nothing cached, or a failure, which the lookup reports in full
     */
    List<InetAddress> answerAtOnce(String host, StandardProtocolFamily family);
}
