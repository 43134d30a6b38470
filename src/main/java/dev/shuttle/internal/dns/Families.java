package dev.shuttle.internal.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.Objects;
import org.xbill.DNS.Type;

/** The two address families a lookup asks for, and their DNS record types. */
final class Families {
    private Families() {}

    /**
     * Checks a family argument.
     *
     * @throws NullPointerException if null
     * @throws IllegalArgumentException for {@code UNIX}
     */
    static StandardProtocolFamily check(StandardProtocolFamily family) {
        Objects.requireNonNull(family, "family");
        if (family == StandardProtocolFamily.UNIX) {
            throw new IllegalArgumentException(
                    "family must be INET (A records) or INET6 (AAAA records), not UNIX: Unix sockets have no addresses to look up");
        }
        return family;
    }

    /** {@return 0 for INET, 1 for INET6: an index into per-family arrays} */
    static int index(StandardProtocolFamily family) {
        return family == StandardProtocolFamily.INET ? 0 : 1;
    }

    /** {@return the record type asked for: A for INET, AAAA for INET6} */
    static int recordType(StandardProtocolFamily family) {
        return family == StandardProtocolFamily.INET ? Type.A : Type.AAAA;
    }

    /** {@return "A" or "AAAA"} */
    static String recordName(StandardProtocolFamily family) {
        return family == StandardProtocolFamily.INET ? "A" : "AAAA";
    }

    /** {@return whether an address belongs to the family} */
    static boolean matches(InetAddress address, StandardProtocolFamily family) {
        return (address instanceof Inet4Address) == (family == StandardProtocolFamily.INET);
    }
}
