package dev.shuttle.internal.race;

import dev.shuttle.Endpoint;
import java.io.IOException;
import java.util.List;

/**
 * Looks up the HTTPS or SVCB records of an endpoint for the race (Happy Eyeballs v3), next to its
 * A and AAAA records.
 */
public interface ServiceLookup {

    /** Asks nothing: the race is RFC 8305's. */
    ServiceLookup NONE = new ServiceLookup() {
        @Override
        public boolean asks(Endpoint endpoint) {
            return false;
        }

        @Override
        public ServiceAnswer lookup(Endpoint endpoint) {
            return ServiceAnswer.NONE;
        }
    };

    /**
     * {@return whether service records are asked for this endpoint}
     *
     * @param endpoint the endpoint connected to
     */
    boolean asks(Endpoint endpoint);

    /**
     * Looks the records up, following AliasMode records.
     *
     * @param endpoint the endpoint connected to
     * @return the answer; {@link ServiceAnswer#NONE} when there are no records
     * @throws IOException if the lookup failed or was interrupted; the race then goes on without
     *     service records
     */
    ServiceAnswer lookup(Endpoint endpoint) throws IOException;

    /**
     * {@return the answer when known without waiting (cached), else {@code null}}
     *
     * @param endpoint the endpoint connected to
     */
    default ServiceAnswer answerAtOnce(Endpoint endpoint) {
        return null;
    }

    /**
     * {@return the ALPN ids the client offers, in its order of preference; empty when it offers
     * none, and then every service is taken as compatible}
     */
    default List<String> applicationProtocols() {
        return List.of();
    }
}
