package dev.shuttle.internal.connector;

import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.Scheme;
import dev.shuttle.internal.dns.ServiceAnswerFound;
import dev.shuttle.internal.dns.ServiceRecordLookup;
import dev.shuttle.internal.race.ServiceAnswer;
import dev.shuttle.internal.race.ServiceLookup;
import java.io.IOException;
import java.util.List;

/**
 * Which service records a default connector asks for (Happy Eyeballs v3), and under which name:
 * HTTPS at the host for {@code tls://} on port 443; with a service scheme, HTTPS or SVCB records
 * at {@code _port._scheme.host} (the host itself for HTTPS on 443) for {@code tls://} on any port
 * and for {@code tcp://}. Names the resolver answers itself ({@code localhost}), single-label names
 * (which the address lookups complete with search domains) and IP literals ask for nothing.
 */
final class ServiceRecords implements ServiceLookup {
    private final ServiceRecordLookup resolver;
    private final Scheme scheme;
    private final String serviceScheme;
    private final List<String> applicationProtocols;

    private ServiceRecords(ServiceRecordLookup resolver, Scheme scheme, String serviceScheme, List<String> protocols) {
        this.resolver = resolver;
        this.scheme = scheme;
        this.serviceScheme = serviceScheme;
        this.applicationProtocols = protocols;
    }

    /**
     * {@return the service lookup of a connector's stack for one scheme: none when the options
     * turn it off or the resolver cannot ask for service records}
     *
     * @param options the connector's options
     * @param scheme {@code TCP} or {@code TLS}
     */
    static ServiceLookup of(ConnectorOptions options, Scheme scheme) {
        Resolver resolver = options.resolver();
        if (!options.serviceRecords() || !(resolver instanceof ServiceRecordLookup records)) {
            return ServiceLookup.NONE;
        }
        if (scheme == Scheme.TCP && options.serviceScheme().isEmpty()) {
            return ServiceLookup.NONE;
        }
        List<String> protocols = scheme == Scheme.TLS ? options.tls().applicationProtocols() : List.of();
        return new ServiceRecords(records, scheme, options.serviceScheme().orElse(null), protocols);
    }

    @Override
    public boolean asks(Endpoint endpoint) {
        if (endpoint.scheme() != scheme || endpoint.ipAddress().isPresent()) {
            return false;
        }
        String host = endpoint.host();
        if (host.equals("localhost") || host.endsWith(".localhost") || !host.contains(".")) {
            return false; // a single label is a search-domain name: never asked of the root as is
        }
        return serviceScheme != null || endpoint.port() == 443;
    }

    private boolean https() {
        return serviceScheme == null || serviceScheme.equals("https");
    }

    /** {@return the name asked: RFC 9460 section 2.3 port-prefix naming, HTTPS on 443 at the host itself} */
    String queryName(Endpoint endpoint) {
        if (https() && endpoint.port() == 443) {
            return endpoint.host();
        }
        return "_" + endpoint.port() + "._" + (serviceScheme == null ? "https" : serviceScheme) + "." + endpoint.host();
    }

    private int type() {
        return https() ? ServiceRecordLookup.HTTPS : ServiceRecordLookup.SVCB;
    }

    @Override
    public ServiceAnswer lookup(Endpoint endpoint) throws IOException {
        return answer(resolver.services(queryName(endpoint), type()));
    }

    @Override
    public ServiceAnswer answerAtOnce(Endpoint endpoint) {
        ServiceAnswerFound found = resolver.servicesAtOnce(queryName(endpoint), type());
        return found == null ? null : answer(found);
    }

    private ServiceAnswer answer(ServiceAnswerFound found) {
        return new ServiceAnswer(found.services(), https() ? "http/1.1" : null, found.unavailable());
    }

    @Override
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    @Override
    public String toString() {
        return "ServiceRecords[" + scheme + ", " + (https() ? "HTTPS" : "SVCB _" + serviceScheme) + "]";
    }
}
