package dev.shuttle.internal.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.Scheme;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.dns.ServiceAnswerFound;
import dev.shuttle.internal.dns.ServiceRecordLookup;
import dev.shuttle.internal.race.ServiceLookup;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which service records a default connector asks for, under which name and type. */
class ServiceRecordsTest {
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private final class RecordingResolver implements Resolver, ServiceRecordLookup {
        @Override
        public List<InetAddress> lookup(String host, StandardProtocolFamily family) {
            return List.of();
        }

        @Override
        public ServiceAnswerFound services(String name, int type) {
            asked.add((type == HTTPS ? "HTTPS " : "SVCB ") + name);
            return new ServiceAnswerFound(List.of(), null);
        }

        @Override
        public ServiceAnswerFound servicesAtOnce(String name, int type) {
            return null;
        }
    }

    private ServiceLookup lookup(Scheme scheme, ConnectorOptions.Builder options) {
        return ServiceRecords.of(options.resolver(new RecordingResolver())
                .tls(TlsOptions.builder().applicationProtocols("h2", "http/1.1").build()).build(), scheme);
    }

    private String asks(ServiceLookup lookup, String uri) throws Exception {
        Endpoint endpoint = Endpoint.parse(uri);
        if (!lookup.asks(endpoint)) {
            return "nothing";
        }
        lookup.lookup(endpoint);
        return asked.removeLast();
    }

    @Test
    void byDefaultOnlyTlsOnPort443AsksForHttpsRecordsOfTheHost() throws Exception {
        ServiceLookup tls = lookup(Scheme.TLS, ConnectorOptions.builder());
        assertEquals("HTTPS example.com", asks(tls, "tls://example.com:443"));
        assertEquals("nothing", asks(tls, "tls://example.com:8443"));
        assertEquals("nothing", asks(tls, "tls://192.0.2.1:443"));
        assertEquals("nothing", asks(tls, "tls://localhost:443"));
        assertEquals("nothing", asks(tls, "tls://intranet:443"), "a search-domain name is never asked of the root");
        assertEquals(List.of("h2", "http/1.1"), tls.applicationProtocols());
        assertSame(ServiceLookup.NONE, lookup(Scheme.TCP, ConnectorOptions.builder()), "tcp:// is opt-in");
    }

    @Test
    void theHttpsSchemeAsksPortPrefixedNamesOnOtherPortsAndForTcp() throws Exception {
        ServiceLookup tls = lookup(Scheme.TLS, ConnectorOptions.builder().serviceScheme("HTTPS"));
        assertEquals("HTTPS example.com", asks(tls, "tls://example.com:443"));
        assertEquals("HTTPS _8443._https.example.com", asks(tls, "tls://example.com:8443"));
        ServiceLookup tcp = lookup(Scheme.TCP, ConnectorOptions.builder().serviceScheme("https"));
        assertEquals("HTTPS _8080._https.example.com", asks(tcp, "tcp://example.com:8080"));
        assertTrue(tcp.applicationProtocols().isEmpty(), "tcp:// offers no ALPN: every service is compatible");
    }

    @Test
    void anotherSchemeAsksSvcbRecordsAtThePortPrefixedName() throws Exception {
        ServiceLookup tls = lookup(Scheme.TLS, ConnectorOptions.builder().serviceScheme("dns"));
        assertEquals("SVCB _853._dns.example.com", asks(tls, "tls://example.com:853"));
        assertEquals("SVCB _443._dns.example.com", asks(tls, "tls://example.com:443"));
    }

    @Test
    void switchedOffOrWithAResolverWithoutServiceRecordsNothingIsAsked() {
        assertSame(ServiceLookup.NONE, lookup(Scheme.TLS, ConnectorOptions.builder().serviceRecords(false)));
        assertSame(ServiceLookup.NONE, ServiceRecords.of(ConnectorOptions.builder().resolver(Resolver.system()).build(), Scheme.TLS));
        assertFalse(ServiceLookup.NONE.asks(Endpoint.parse("tls://example.com:443")));
    }

    @Test
    void aServiceSchemeThatIsNoUriSchemeIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ConnectorOptions.builder().serviceScheme("_https"));
        assertEquals("serviceScheme must be a URI scheme such as \"https\", not '_https'", refused.getMessage());
    }
}
