package dev.shuttle.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Run in a child JVM by {@link ResolverHookTest}: resolves each argument through
 * {@link InetAddress#getAllByName(String)} and prints {@code name=address,address} (or
 * {@code name=unknown}), then the reverse lookup of 127.0.0.1. With the argument
 * {@code --touch-shuttle} first, it uses Shuttle's DNS resolver once before.
 */
public final class ResolverHookProbe {
    private ResolverHookProbe() {}

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            if (name.equals("--touch-shuttle")) {
                dev.shuttle.Resolver.dns().lookup("localhost");
                continue;
            }
            try {
                String addresses = Arrays.stream(InetAddress.getAllByName(name))
                        .map(InetAddress::getHostAddress).collect(Collectors.joining(","));
                System.out.println(name + "=" + addresses);
            } catch (UnknownHostException e) {
                System.out.println(name + "=unknown");
            }
        }
        System.out.println("reverse=" + InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getCanonicalHostName());
    }
}
