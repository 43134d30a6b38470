/**
 * Shuttle: blocking connectors and servers for virtual threads.
 *
 * <p>Only {@code dev.shuttle} is exported; everything under {@code dev.shuttle.internal} is
 * implementation and may change in any release.
 */
module dev.shuttle {
    requires org.dnsjava;
    requires java.logging;
    requires org.bouncycastle.tls;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;

    exports dev.shuttle;
}
