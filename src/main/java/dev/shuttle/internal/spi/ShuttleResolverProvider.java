package dev.shuttle.internal.spi;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * Shuttle's JDK resolver hook, registered as a service (module-info and
 * {@code META-INF/services}). Opt-in: unless {@code -Ddev.shuttle.resolver=enable} is set, it
 * hands the JDK the resolver it would have used without Shuttle: that of the next provider found
 * (dnsjava's, or the application's own), else the built-in one. The JDK asks only the first
 * provider it finds, so having Shuttle on the class path never changes how an application
 * resolves names.
 *
 * <p>Enabled, {@link java.net.InetAddress#getAllByName(String)} and every library that resolves
 * through it use Shuttle's DNS resolver (dnsjava, the hosts file, Shuttle's cache); reverse
 * lookups stay with the built-in resolver, as does this machine's own name when Shuttle cannot
 * resolve it.
 */
public final class ShuttleResolverProvider extends InetAddressResolverProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ShuttleResolverProvider() {}

    @Override
    public InetAddressResolver get(Configuration configuration) {
        if (!ResolverHook.enabled()) {
            return NextResolverProvider.resolver(configuration);
        }
        return new ShuttleInetAddressResolver(configuration);
    }

    @Override
    public String name() {
        return "shuttle";
    }
}
