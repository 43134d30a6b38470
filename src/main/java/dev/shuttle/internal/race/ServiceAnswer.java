package dev.shuttle.internal.race;

import dev.shuttle.ServiceEndpoint;
import java.util.List;

/**
 * What an HTTPS or SVCB lookup found for an endpoint, after following AliasMode records: the
 * usable ServiceMode endpoints, or that the service is not available at all.
 *
 * @param services the ServiceMode endpoints, records with an unknown mandatory key already
 *     skipped; empty when the name has no service records
 * @param defaultProtocol the ALPN id a record offers unless it says {@code no-default-alpn}
 *     ({@code http/1.1} for HTTPS), or {@code null} when the scheme has none
 * @param unavailable why the service is not available (an AliasMode record with target
 *     {@code .}), or {@code null}
 */
public record ServiceAnswer(List<ServiceEndpoint> services, String defaultProtocol, String unavailable) {

    /** No service records: the race is plain RFC 8305. */
    public static final ServiceAnswer NONE = new ServiceAnswer(List.of(), null, null);

    /** Copies the list. */
    public ServiceAnswer {
        services = List.copyOf(services);
    }
}
