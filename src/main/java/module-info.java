/**
 * Shuttle: blocking connectors and servers for virtual threads.
 *
 * <p>Only {@code dev.shuttle} is exported; everything under {@code dev.shuttle.internal} is
 * implementation and may change in any release.
 */
module dev.shuttle {
    requires org.dnsjava;

    exports dev.shuttle;
}
