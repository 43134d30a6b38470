package dev.shuttle.internal.race;

import dev.shuttle.Endpoint;
import dev.shuttle.ServiceEndpoint;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What DNS has told one race so far: the host's AAAA and A answers (or why there were none), and
 * with Happy Eyeballs v3 the service answer and the addresses of its target names, hints standing
 * in until a target's own answers come. It also holds the rule of when those answers let the
 * race start (RFC 8305 section 3, and the v3 draft's wait for the service answer).
 *
 * <p>Not thread-safe: the race calls it with its lock held. A list is {@code null} while its
 * question is unanswered.
 */
final class DnsAnswers {
    private final Endpoint endpoint;
    private final boolean servicesAsked;
    private List<InetAddress> ipv6;
    private List<InetAddress> ipv4;
    private IOException ipv6Failure;
    private IOException ipv4Failure;
    private long ipv4AnsweredAt;
    private ServiceAnswer serviceAnswer;
    private final Map<String, TargetAddresses> targets = new LinkedHashMap<>();
    private boolean anyAddress;
    private long firstAddressAt;
    private String unavailable;

    /** The AAAA and A answers of a service's target name; {@code null} until each comes. */
    private static final class TargetAddresses {
        List<InetAddress> ipv6;
        List<InetAddress> ipv4;
        boolean asked;
    }

    /**
     * @param endpoint the endpoint raced for, with a hostname
     * @param servicesAsked whether its HTTPS or SVCB records are asked too
     */
    DnsAnswers(Endpoint endpoint, boolean servicesAsked) {
        this.endpoint = endpoint;
        this.servicesAsked = servicesAsked;
    }

    /** {@return whether service records are asked (Happy Eyeballs v3)} */
    boolean servicesAsked() {
        return servicesAsked;
    }

    /** Takes the host's answer for one family, found empty when the lookup failed with {@code failure}. */
    void hostAnswered(StandardProtocolFamily family, List<InetAddress> found, IOException failure, long now) {
        if (family == StandardProtocolFamily.INET6) {
            ipv6 = found;
            ipv6Failure = failure;
        } else {
            ipv4 = found;
            ipv4Failure = failure;
            ipv4AnsweredAt = now;
        }
        addressesCame(found, now);
    }

    /** Takes the service answer: its target names other than the host are to be looked up. */
    void servicesAnswered(ServiceAnswer answer, long now) {
        serviceAnswer = answer;
        if (answer.unavailable() != null) {
            unavailable = answer.unavailable();
        }
        for (ServiceEndpoint service : answer.services()) {
            if (!service.targetName().equals(endpoint.host())) {
                targets.computeIfAbsent(service.targetName(), name -> new TargetAddresses());
            }
            addressesCame(service.hints(), now);
        }
    }

    /** {@return the target names not yet looked up, now marked as asked} */
    List<String> targetsToAsk() {
        List<String> names = new ArrayList<>();
        targets.forEach((name, target) -> {
            if (!target.asked) {
                target.asked = true;
                names.add(name);
            }
        });
        return names;
    }

    /** Takes a target name's answer for one family; {@code null} (a failed lookup) keeps its hints. */
    void targetAnswered(String name, StandardProtocolFamily family, List<InetAddress> found, long now) {
        TargetAddresses target = targets.get(name);
        List<InetAddress> kept = found == null ? hintsOf(name, family) : found;
        if (family == StandardProtocolFamily.INET6) {
            target.ipv6 = kept;
        } else {
            target.ipv4 = kept;
        }
        addressesCame(kept, now);
    }

    /** {@return whether every question asked has its answer} */
    boolean done() {
        if (ipv6 == null || ipv4 == null) {
            return false;
        }
        if (!servicesAsked) {
            return true;
        }
        if (serviceAnswer == null) {
            return false;
        }
        for (TargetAddresses target : targets.values()) {
            if (target.ipv6 == null || target.ipv4 == null) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether any address, or hint, has come} */
    boolean hasAnyAddress() {
        return (ipv6 != null && !ipv6.isEmpty()) || (ipv4 != null && !ipv4.isEmpty()) || anyAddress;
    }

    /**
     * {@return whether the answers so far let the race start} Without racing, once every answer
     * is in. RFC 8305: at once with AAAA addresses; with A addresses only, once AAAA has answered
     * or the resolution delay has passed. Happy Eyeballs v3: with some address or hint, once
     * AAAA and the service records have answered, or the resolution delay has passed since the
     * first address came.
     */
    boolean letStart(long now, RaceSettings settings) {
        if (!settings.racing()) {
            return done();
        }
        if (servicesAsked) {
            if (done()) {
                return true;
            }
            return anyAddress && ((ipv6 != null && serviceAnswer != null)
                    || now - (firstAddressAt + settings.resolutionDelay().toNanos()) >= 0);
        }
        if (ipv6 != null && !ipv6.isEmpty()) {
            return true;
        }
        if (ipv4 != null && !ipv4.isEmpty()) {
            return ipv6 != null || now - (ipv4AnsweredAt + settings.resolutionDelay().toNanos()) >= 0;
        }
        return done();
    }

    /**
     * {@return when the resolution delay ends for a race not yet started, {@link Long#MAX_VALUE}
     * when no such delay is running}
     */
    long resolutionDelayEnd(RaceSettings settings) {
        if (!settings.racing()) {
            return Long.MAX_VALUE;
        }
        if (servicesAsked) {
            return anyAddress ? firstAddressAt + settings.resolutionDelay().toNanos() : Long.MAX_VALUE;
        }
        return ipv4 != null && !ipv4.isEmpty() && ipv6 == null
                ? ipv4AnsweredAt + settings.resolutionDelay().toNanos() : Long.MAX_VALUE;
    }

    /** {@return the host's addresses answered so far, AAAA first} */
    List<InetAddress> hostAddresses() {
        List<InetAddress> all = new ArrayList<>();
        if (ipv6 != null) {
            all.addAll(ipv6);
        }
        if (ipv4 != null) {
            all.addAll(ipv4);
        }
        return all;
    }

    /** {@return the answered addresses of one family of a name (the host or a target), {@code null} while unanswered} */
    List<InetAddress> addresses(String name, boolean v6) {
        if (name.equals(endpoint.host())) {
            return v6 ? ipv6 : ipv4;
        }
        TargetAddresses target = targets.get(name);
        if (target == null) {
            return null;
        }
        return v6 ? target.ipv6 : target.ipv4;
    }

    /** {@return the service answer, {@code null} until it comes} */
    ServiceAnswer serviceAnswer() {
        return serviceAnswer;
    }

    /** {@return why the service says there is nothing to connect to, or {@code null}} */
    String unavailable() {
        return unavailable;
    }

    /** {@return the failure to throw when no address was found: both families' reasons} */
    IOException noAddress() {
        return RaceFailure.noAddress(endpoint, ipv6Failure, ipv4Failure);
    }

    /** {@return only the addresses of one family} */
    static List<InetAddress> ofFamily(List<InetAddress> addresses, StandardProtocolFamily family) {
        boolean v6 = family == StandardProtocolFamily.INET6;
        return addresses.stream().filter(address -> (address instanceof Inet6Address) == v6).toList();
    }

    /** Notes when the first address, or hint, came: the v3 resolution delay counts from then. */
    private void addressesCame(List<InetAddress> found, long now) {
        if (!found.isEmpty() && !anyAddress) {
            anyAddress = true;
            firstAddressAt = now;
        }
    }

    private List<InetAddress> hintsOf(String name, StandardProtocolFamily family) {
        List<InetAddress> hints = new ArrayList<>();
        for (ServiceEndpoint service : serviceAnswer.services()) {
            if (service.targetName().equals(name)) {
                hints.addAll(ofFamily(service.hints(), family));
            }
        }
        return hints;
    }
}
