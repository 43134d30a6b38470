/**
 * Shuttle: blocking connectors and servers for virtual threads.
 *
 * <p>Exported: the core package {@code dev.shuttle} and its leaves (tls, udp, frame, pool, batch,
 * dropin, proxy); everything under {@code dev.shuttle.internal} is
 * implementation and may change in any release.
 */
module dev.shuttle {
    requires org.dnsjava;
    requires java.logging;
    // Optional: with jdk.jfr absent (a jlink image without it, a module path that does not
    // resolve it), Shuttle writes no Flight Recorder events (internal.jfr.FlightRecorder).
    requires static jdk.jfr;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;

    exports dev.shuttle;
    exports dev.shuttle.batch;
    exports dev.shuttle.dropin;
    exports dev.shuttle.frame;
    exports dev.shuttle.pool;
    exports dev.shuttle.tls;
    exports dev.shuttle.udp;
    exports dev.shuttle.proxy;

    // Opt-in: answers InetAddress lookups only with -Ddev.shuttle.resolver=enable.
    provides java.net.spi.InetAddressResolverProvider with dev.shuttle.internal.spi.ShuttleResolverProvider;
    // To warn when another provider shadows it (ResolverHook.warnIfShadowed).
    uses java.net.spi.InetAddressResolverProvider;
}
