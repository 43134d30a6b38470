package dev.shuttle.internal.dns;

import dev.shuttle.ServiceEndpoint;
import java.util.List;

/**
 * What an HTTPS or SVCB lookup found once AliasMode records were followed.
 *
 * @param services the usable ServiceMode endpoints, by priority; empty when there are none
 * @param unavailable why the service is not available (an AliasMode record with target
 *     {@code .}), or {@code null}
 */
public record ServiceAnswerFound(List<ServiceEndpoint> services, String unavailable) {
    /** No records. */
    static final ServiceAnswerFound NONE = new ServiceAnswerFound(List.of(), null);

    /** Copies the list. */
    public ServiceAnswerFound {
        services = List.copyOf(services);
    }
}
