package dev.shuttle.internal.dns;

import dev.shuttle.ServiceEndpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.SVCBBase;

/**
 * Reads one ServiceMode HTTPS or SVCB record (RFC 9460) into a {@link ServiceEndpoint}: its
 * priority, effective target, {@code alpn}, {@code no-default-alpn}, {@code port},
 * {@code ipv4hint}, {@code ipv6hint} and {@code ech}. A record whose {@code mandatory} list names
 * a key Shuttle cannot act on is skipped, as section 8 requires; {@code ech} counts as such a key,
 * since BouncyCastle's TLS has no Encrypted Client Hello.
 */
final class ServiceRecordParser {
    /** The keys Shuttle acts on: alpn, no-default-alpn, port, ipv4hint, ipv6hint. */
    private static final Set<Integer> UNDERSTOOD = Set.of(SVCBBase.ALPN, SVCBBase.NO_DEFAULT_ALPN, SVCBBase.PORT,
            SVCBBase.IPV4HINT, SVCBBase.IPV6HINT);

    private ServiceRecordParser() {}

    /**
     * Reads a ServiceMode record.
     *
     * @param record a record with priority 1 or more
     * @return the endpoint, or empty when the record is to be skipped (an unknown mandatory key, a
     *     malformed hint)
     */
    static Optional<ServiceEndpoint> endpoint(SVCBBase record) {
        if (record.getSvcParamValue(SVCBBase.MANDATORY) instanceof SVCBBase.ParameterMandatory mandatory) {
            for (int key : mandatory.getValues()) {
                if (!UNDERSTOOD.contains(key)) {
                    return Optional.empty();
                }
            }
        }
        List<String> alpn = record.getSvcParamValue(SVCBBase.ALPN) instanceof SVCBBase.ParameterAlpn a ? a.getValues() : List.of();
        boolean defaultAlpn = record.getSvcParamValue(SVCBBase.NO_DEFAULT_ALPN) == null;
        OptionalInt port = record.getSvcParamValue(SVCBBase.PORT) instanceof SVCBBase.ParameterPort p
                ? OptionalInt.of(p.getPort()) : OptionalInt.empty();
        List<InetAddress> hints = new ArrayList<>();
        try {
            if (record.getSvcParamValue(SVCBBase.IPV4HINT) instanceof SVCBBase.ParameterIpv4Hint v4) {
                hints.addAll(v4.getAddresses());
            }
            if (record.getSvcParamValue(SVCBBase.IPV6HINT) instanceof SVCBBase.ParameterIpv6Hint v6) {
                hints.addAll(v6.getAddresses());
            }
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
        byte[] ech = record.getSvcParamValue(SVCBBase.ECH) instanceof SVCBBase.ParameterEch e ? e.getData() : null;
        Name target = record.getTargetName().equals(Name.root) ? record.getName() : record.getTargetName();
        return Optional.of(new ServiceEndpoint(record.getSvcPriority(), hostOf(target), port, alpn, defaultAlpn, hints, ech));
    }

    /**
     * {@return a DNS name as a hostname: lower case, no trailing dot, and without the leading
     * underscore labels of port-prefix naming ({@code _8443._https.example.com} is
     * {@code example.com}), so that a ServiceMode record with target {@code .} under such a name
     * points at the host itself}
     */
    static String hostOf(Name name) {
        Name host = name;
        while (host.labels() > 1 && host.getLabelString(0).startsWith("_")) {
            host = new Name(host, 1);
        }
        return host.toString(true).toLowerCase(java.util.Locale.ROOT);
    }
}
