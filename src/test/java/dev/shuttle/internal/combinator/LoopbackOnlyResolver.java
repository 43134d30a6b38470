package dev.shuttle.internal.combinator;

import dev.shuttle.Resolver;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A resolver that answers on this machine only, as a hostile DNS would for names an attacker
 * controls: {@code localhost}, {@code evil.test} (both loopback addresses), {@code evil4.test}
 * ({@code 127.0.0.1}), {@code evil6.test} ({@code ::1}), every international name (both loopback
 * addresses: homographs an attacker registered), and, as the C library's resolver and the
 * JDK's do, any name that {@code inet_aton} reads as a number ({@code 2130706433},
 * {@code 0x7f.1}). Every other name is unknown, without any DNS traffic.
 */
final class LoopbackOnlyResolver implements Resolver {
    private static final InetAddress IPV4 = address("127.0.0.1");
    private static final InetAddress IPV6 = address("::1");
    private static final Map<String, List<InetAddress>> NAMES = Map.of(
            "localhost", List.of(IPV6, IPV4),
            "evil.test", List.of(IPV6, IPV4),
            "evil4.test", List.of(IPV4),
            "evil6.test", List.of(IPV6));

    @Override
    public List<InetAddress> lookup(String host, StandardProtocolFamily family) throws IOException {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<InetAddress> found = NAMES.get(name);
        if (found == null && (name.startsWith("xn--") || name.contains(".xn--"))) {
            found = List.of(IPV6, IPV4); // a homograph an attacker registered, pointing at loopback
        }
        if (found == null) {
            InetAddress numeric = inetAton(name);
            if (numeric == null) {
                throw new UnknownHostException(host + ": no such name (a test resolver that knows loopback names only)");
            }
            found = List.of(numeric);
        }
        boolean v6 = family == StandardProtocolFamily.INET6;
        return found.stream().filter(a -> (a instanceof Inet6Address) == v6).toList();
    }

    /** {@code inet_aton}: one to four numbers, decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last filling the rest. */
    static InetAddress inetAton(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.charAt(0) == '+' || part.charAt(0) == '-') {
                return null;
            }
            try {
                if (part.startsWith("0x")) {
                    numbers[i] = part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
                } else if (part.length() > 1 && part.startsWith("0")) {
                    numbers[i] = Long.parseLong(part.substring(1), 8);
                } else {
                    numbers[i] = Long.parseLong(part);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (numbers[i] < 0 || (i < parts.length - 1 && numbers[i] > 255)) {
                return null;
            }
        }
        long last = numbers[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        long value = last;
        for (int i = 0; i < parts.length - 1; i++) {
            value |= numbers[i] << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
