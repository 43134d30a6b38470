/**
 * Shuttle: blocking connectors and servers for virtual threads.
 *
 * <p>Exported: {@code dev.shuttle} and {@code dev.shuttle.proxy}; everything under {@code dev.shuttle.internal} is
 * implementation and may change in any release.
 */
module dev.shuttle {
    requires org.dnsjava;
    requires java.logging;
    requires jdk.jfr;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;

    exports dev.shuttle;
    exports dev.shuttle.proxy;

    // Opt-in: answers InetAddress lookups only with -Ddev.shuttle.resolver=enable.
    provides java.net.spi.InetAddressResolverProvider with dev.shuttle.internal.spi.ShuttleResolverProvider;
    // To warn when another provider shadows it (ResolverHook.warnIfShadowed).
    uses java.net.spi.InetAddressResolverProvider;
}
