package dev.shuttle.jmh;

import dev.shuttle.jmh.report.Figure;
import dev.shuttle.jmh.report.Item;
import dev.shuttle.jmh.report.Target;

/**
 * Item 5, TLS over loopback: full handshakes per second (TLS 1.3, EC P-256 and RSA 2048) and bulk
 * MB/s, Shuttle's TLS (BouncyCastle JSSE as Shuttle configures it) against SunJSSE. Shuttle's TLS
 * is not in this build yet: until it is, every figure says so, in place, and nothing is measured.
 * The contender plugs in here: one {@code SSLContext} pair per provider, the same harness for both.
 */
final class TlsItem {
    private TlsItem() {}

    static Item run(Mode mode) {
        System.out.println("5. TLS: not yet measured (Shuttle's TLS is not in this build)");
        String why = "not yet measured: Shuttle's TLS (branch `tls`) is not in this build";
        Item item = new Item("5. TLS",
                "Full handshakes per second over loopback (TLS 1.3, EC P-256 and RSA 2048) and bulk MB/s, Shuttle "
                        + "(BouncyCastle JSSE as configured by Shuttle) against SunJSSE, both sides in one JVM, the same "
                        + "harness for both providers. **TLS: not yet measured**: Shuttle's TLS is not in this build.");
        item.figure(Figure.failed("5. TLS", "handshakes/s, EC P-256", "shuttle", "SunJSSE", Target.ratioAtLeast(2.0, "at least 2x"), why));
        item.figure(Figure.failed("5. TLS", "handshakes/s, RSA 2048", "shuttle", "SunJSSE", Target.ratioAtLeast(2.0, "at least 2x"), why));
        item.figure(Figure.failed("5. TLS", "bulk MB/s", "shuttle", "SunJSSE", Target.ratioAtLeast(1.0, "at least 1x"), why));
        return item;
    }
}
