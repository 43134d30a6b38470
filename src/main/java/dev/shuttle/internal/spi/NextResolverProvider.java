package dev.shuttle.internal.spi;

import java.lang.System.Logger.Level;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * What the JDK would have chosen had Shuttle's provider not been there. The JDK asks only the first
 * {@link InetAddressResolverProvider} that {@code ServiceLoader.load(InetAddressResolverProvider.class)}
 * finds; when Shuttle's hook is off it must not take that place from a provider the application
 * relies on (dnsjava's with {@code -Dorg.dnsjava.spi.enable=true}, or its own). So it looks the
 * providers up the same way, on the same thread and so with the same class loader, skips every
 * copy of Shuttle's own, and hands over to the first other one; with none, the built-in resolver.
 */
final class NextResolverProvider {
    private NextResolverProvider() {}

    static InetAddressResolver resolver(InetAddressResolverProvider.Configuration configuration) {
        Iterator<ServiceLoader.Provider<InetAddressResolverProvider>> providers =
                ServiceLoader.load(InetAddressResolverProvider.class).stream().iterator();
        try {
            while (providers.hasNext()) {
                ServiceLoader.Provider<InetAddressResolverProvider> next = providers.next();
                // By name, not by class: a second copy of Shuttle in another class loader would
                // otherwise hand over to this one, and this one back to it.
                if (!next.type().getName().equals(ShuttleResolverProvider.class.getName())) {
                    return next.get().get(configuration);
                }
            }
        } catch (ServiceConfigurationError e) {
            ResolverHook.log().log(Level.WARNING, "Cannot load the resolver provider after Shuttle's;"
                    + " the JDK's built-in resolver answers", e);
        }
        return configuration.builtinResolver();
    }
}
