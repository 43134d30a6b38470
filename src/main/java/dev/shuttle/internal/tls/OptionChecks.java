package dev.shuttle.internal.tls;

import dev.shuttle.internal.uri.HostNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Validation shared by the TLS option builders, with messages naming the option and the value. */
public final class OptionChecks {
    private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");
    private static final Set<String> OBSOLETE = Set.of("TLSv1.1", "TLSv1");

    private OptionChecks() {}

    /**
     * {@return the protocols, checked}
     *
     * @param protocols {@code TLSv1.3}, {@code TLSv1.2} or both
     * @throws IllegalArgumentException if empty or a name is unknown or obsolete
     *     ({@code TLSv1.1}, {@code TLSv1}: Shuttle enables no cipher suite that works below TLS 1.2,
     *     so they could never be negotiated)
     */
    public static List<String> protocols(String... protocols) {
        List<String> list = List.of(Objects.requireNonNull(protocols, "protocols"));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("protocols must name at least one of TLSv1.3, TLSv1.2");
        }
        for (String protocol : list) {
            if (OBSOLETE.contains(protocol)) {
                throw new IllegalArgumentException("protocols: " + protocol + " is not supported: Shuttle supports TLSv1.2 "
                        + "and TLSv1.3 only (" + protocol + " is deprecated by RFC 8996, and its cipher suites are not enabled)");
            }
            if (!PROTOCOLS.contains(protocol)) {
                throw new IllegalArgumentException("protocols: unknown protocol '" + protocol + "'; expected TLSv1.3 or TLSv1.2");
            }
        }
        return List.copyOf(list.stream().distinct().toList());
    }

    /**
     * {@return the ALPN protocol names, checked}
     *
     * @param names such as {@code h2}, {@code http/1.1}
     * @throws IllegalArgumentException if a name is empty or longer than 255 bytes
     */
    public static List<String> applicationProtocols(String... names) {
        List<String> list = List.of(Objects.requireNonNull(names, "applicationProtocols"));
        for (String name : list) {
            int length = name.getBytes(StandardCharsets.UTF_8).length;
            if (length == 0 || length > 255) {
                throw new IllegalArgumentException("applicationProtocols: '" + name + "' must be 1 to 255 bytes long");
            }
        }
        return list;
    }

    /**
     * {@return the handshake timeout, checked}
     *
     * @param timeout positive
     * @throws IllegalArgumentException if zero or negative
     */
    public static Duration handshakeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "handshakeTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, not " + timeout);
        }
        return timeout;
    }

    /**
     * Checks a server name given in place of a URI's host, as the URI parser checks hosts.
     *
     * @param name a hostname, or an IP address (IPv6 with or without brackets)
     * @throws IllegalArgumentException naming it and saying what is wrong
     */
    public static void checkServerName(String name) {
        boolean bracketed = name.length() > 2 && name.startsWith("[") && name.endsWith("]");
        try {
            HostNames.normalise(bracketed ? name.substring(1, name.length() - 1) : name);
        } catch (RuntimeException e) { // IllegalArgumentException, or anything java.net.IDN throws
            throw new IllegalArgumentException("serverName '" + name + "' is not a valid hostname or IP address: "
                    + e.getMessage(), e);
        }
    }
}
