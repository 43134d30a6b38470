package dev.shuttle.internal.spi;

import dev.shuttle.Resolver;
import dev.shuttle.ResolverOptions;
import java.lang.System.Logger.Level;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system properties of the resolver hook, and the check that it is the provider the JDK
 * chose.
 * <ul>
 * <li>{@code dev.shuttle.resolver}: {@code enable} turns the hook on; anything else, or nothing,
 *     leaves the JDK's resolver in charge.</li>
 * <li>{@code dev.shuttle.resolver.nameservers}: comma-separated nameservers for the hook's
 *     resolver ({@code 10.0.0.53,127.0.0.1:5353}); default: the system's. A value that is not
 *     such a list is warned about once, and the built-in resolver answers.</li>
 * </ul>
 */
public final class ResolverHook {
    /** The property that turns the hook on. */
    public static final String ENABLE_PROPERTY = "dev.shuttle.resolver";
    /** The property naming the hook resolver's nameservers. */
    public static final String NAMESERVERS_PROPERTY = "dev.shuttle.resolver.nameservers";

    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private ResolverHook() {}

    /**
     * The hook's logger, created at its first message rather than when the JDK first resolves a
     * name (which loads this class in every application with Shuttle on the class path).
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("dev.shuttle.resolver");
    }

    static System.Logger log() {
        return Log.LOG;
    }

    /** {@return whether the application asked for the hook} */
    static boolean enabled() {
        String value = System.getProperty(ENABLE_PROPERTY);
        if (value == null || value.equals("disable")) {
            return false;
        }
        if (!value.equals("enable")) {
            log().log(Level.WARNING, "System property " + ENABLE_PROPERTY + " is '" + value
                    + "'; expected 'enable' (or 'disable'): the JDK's resolver stays in charge");
            return false;
        }
        return true;
    }

    /**
     * {@return the resolver the hook answers with: Shuttle's shared DNS resolver, or one asking the
     * nameservers of the property; empty, after a warning, when the property is not a list of
     * nameservers, so that the built-in resolver answers} Called once per JDK resolver.
     */
    static Optional<Resolver> resolver() {
        return resolver(System.getProperty(NAMESERVERS_PROPERTY));
    }

    static Optional<Resolver> resolver(String servers) {
        if (servers == null || servers.isBlank()) {
            return Optional.of(Resolver.dns());
        }
        List<String> list = Arrays.stream(servers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            return Optional.of(Resolver.dns(ResolverOptions.builder().nameservers(list).build()));
        } catch (IllegalArgumentException e) {
            log().log(Level.WARNING, "System property " + NAMESERVERS_PROPERTY + " is '" + servers + "' (" + e.getMessage()
                    + "); expected IP addresses with optional ports, comma-separated (10.0.0.53,127.0.0.1:5353):"
                    + " the JDK's built-in resolver answers instead");
            return Optional.empty();
        }
    }

    /**
     * Warns once when the hook is enabled but the JDK uses another provider: the JDK takes only the
     * first {@link InetAddressResolverProvider} it finds, and dnsjava's own provider (off unless
     * {@code org.dnsjava.spi.enable=true}) is found first when dnsjava's jar comes before Shuttle's
     * on the class path. A shadowed hook is never called, so the check runs from elsewhere: when
     * Shuttle's shared DNS resolver is created ({@code DnsResolver.shared()}, behind
     * {@code Resolver.dns()} and every connector with the default resolver). An application that
     * only resolves through {@code InetAddress}, or only with resolvers of its own options, gets no
     * warning.
     */
    public static void warnIfShadowed() {
        if (!enabled() || !CHECKED.compareAndSet(false, true)) {
            return;
        }
        ServiceLoader.load(InetAddressResolverProvider.class).stream().findFirst().ifPresent(first -> {
            if (first.type() != ShuttleResolverProvider.class) {
                log().log(Level.WARNING, ENABLE_PROPERTY + "=enable is set, but the JDK resolves names with "
                        + first.type().getName() + ", the first resolver provider on the class path: put Shuttle's jar"
                        + " before " + first.type().getName().replaceAll("\\.[^.]*$", "") + "'s (the JDK uses the first"
                        + " provider only)");
            }
        });
    }
}
