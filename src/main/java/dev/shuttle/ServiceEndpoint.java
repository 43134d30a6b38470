package dev.shuttle;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One service endpoint from an HTTPS or SVCB record in ServiceMode (RFC 9460), as the happy-eyeballs
 * race uses it: where the service is ({@link #targetName()}, {@link #port()}), how much the
 * record's owner prefers it ({@link #priority()}, lower first), the application protocols it
 * speaks (ALPN) and the address hints that let a connect start before the target's A and AAAA
 * answers arrive.
 *
 * <p>The {@code ech} parameter is kept and shown ({@link #echConfigList()}), but Shuttle cannot use
 * it: BouncyCastle's TLS has no Encrypted Client Hello, so the handshake sends the server name in
 * clear as it always does. A record that makes {@code ech} (or any parameter Shuttle does not
 * understand) {@code mandatory} is skipped, as RFC 9460 requires.
 *
 * <p>Immutable, with value equality. The winning endpoint of a connect is available from its
 * connection: {@code connection.unwrap(ServiceEndpoint.class)}, empty when no service record led
 * to it.
 *
 * {@snippet :
 * try (Connection connection = Connector.create().connect("tls://example.com:443")) {
 *     connection.unwrap(ServiceEndpoint.class).ifPresent(service -> System.out.println(service));
 * }
 * }
 */
public final class ServiceEndpoint {
    private final int priority;
    private final String targetName;
    private final OptionalInt port;
    private final List<String> applicationProtocols;
    private final boolean defaultProtocol;
    private final List<Inet4Address> ipv4Hints;
    private final List<Inet6Address> ipv6Hints;
    private final byte[] echConfigList;

    /**
     * Describes a service endpoint.
     *
     * @param priority the record's SvcPriority, 1 to 65535 (0 is AliasMode, not an endpoint)
     * @param targetName the effective target name, without a trailing dot (the owner name when the
     *     record's TargetName is {@code .})
     * @param port the {@code port} parameter, or empty to use the port of the URI
     * @param applicationProtocols the {@code alpn} parameter, in the record's order
     * @param defaultProtocol {@code false} when the record has {@code no-default-alpn}
     * @param hints the {@code ipv4hint} and {@code ipv6hint} addresses
     * @param echConfigList the {@code ech} parameter (an ECHConfigList), or {@code null}
     * @throws IllegalArgumentException if the priority is out of range or the name is empty
     * @throws NullPointerException if an argument but {@code echConfigList} is null
     */
    public ServiceEndpoint(int priority, String targetName, OptionalInt port, List<String> applicationProtocols,
            boolean defaultProtocol, List<InetAddress> hints, byte[] echConfigList) {
        if (priority < 1 || priority > 65535) {
            throw new IllegalArgumentException("priority must be 1 to 65535 (ServiceMode), not " + priority);
        }
        Objects.requireNonNull(targetName, "targetName");
        if (targetName.isEmpty()) {
            throw new IllegalArgumentException("targetName must not be empty");
        }
        Objects.requireNonNull(port, "port");
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port.getAsInt());
        }
        this.priority = priority;
        this.targetName = targetName;
        this.port = port;
        this.applicationProtocols = List.copyOf(applicationProtocols);
        this.defaultProtocol = defaultProtocol;
        this.ipv4Hints = hints.stream().filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).toList();
        this.ipv6Hints = hints.stream().filter(Inet6Address.class::isInstance).map(Inet6Address.class::cast).toList();
        this.echConfigList = echConfigList == null ? null : echConfigList.clone();
    }

    /** {@return the SvcPriority: lower values are preferred} */
    public int priority() {
        return priority;
    }

    /** {@return the name whose A and AAAA records hold the service's addresses} */
    public String targetName() {
        return targetName;
    }

    /** {@return the port the service listens on, or empty for the port of the URI} */
    public OptionalInt port() {
        return port;
    }

    /** {@return the ALPN protocol ids of the {@code alpn} parameter, possibly none} */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /**
     * {@return whether the scheme's default protocol is also offered: {@code false} when the record
     * says {@code no-default-alpn}} For HTTPS records the default protocol is {@code http/1.1}.
     */
    public boolean defaultProtocol() {
        return defaultProtocol;
    }

    /** {@return the {@code ipv4hint} and then the {@code ipv6hint} addresses} */
    public List<InetAddress> hints() {
        return java.util.stream.Stream.concat(ipv4Hints.stream(), ipv6Hints.stream()).map(InetAddress.class::cast).toList();
    }

    /** {@return a copy of the {@code ech} parameter (an ECHConfigList), which Shuttle cannot use} */
    public Optional<byte[]> echConfigList() {
        return Optional.ofNullable(echConfigList).map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceEndpoint that && priority == that.priority && defaultProtocol == that.defaultProtocol
                && targetName.equals(that.targetName) && port.equals(that.port)
                && applicationProtocols.equals(that.applicationProtocols) && ipv4Hints.equals(that.ipv4Hints)
                && ipv6Hints.equals(that.ipv6Hints) && Arrays.equals(echConfigList, that.echConfigList);
    }

    @Override
    public int hashCode() {
        return Objects.hash(priority, targetName, port, applicationProtocols, defaultProtocol, ipv4Hints, ipv6Hints)
                * 31 + Arrays.hashCode(echConfigList);
    }

    /** {@return the record in presentation form, such as {@code 1 svc.example.com alpn=h2 port=8443}} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(priority).append(' ').append(targetName);
        if (!applicationProtocols.isEmpty()) {
            text.append(" alpn=").append(String.join(",", applicationProtocols));
        }
        if (!defaultProtocol) {
            text.append(" no-default-alpn");
        }
        port.ifPresent(p -> text.append(" port=").append(p));
        if (!ipv4Hints.isEmpty()) {
            text.append(" ipv4hint=").append(String.join(",", ipv4Hints.stream().map(InetAddress::getHostAddress).toList()));
        }
        if (echConfigList != null) {
            text.append(" ech=").append(HexFormat.of().formatHex(echConfigList, 0, Math.min(8, echConfigList.length)))
                    .append(echConfigList.length > 8 ? "..." : "");
        }
        if (!ipv6Hints.isEmpty()) {
            text.append(" ipv6hint=").append(String.join(",", ipv6Hints.stream().map(InetAddress::getHostAddress).toList()));
        }
        return text.toString();
    }
}
