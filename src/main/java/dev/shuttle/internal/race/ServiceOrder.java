package dev.shuttle.internal.race;

import dev.shuttle.ServiceEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders the service endpoints of an answer as Happy Eyeballs v3 groups them: by SvcPriority,
 * then by how well their application protocols match the client's (the client's most preferred
 * protocol first); an endpoint offering no protocol the client speaks is skipped. Records of one
 * priority and one match keep the order of the answer (RFC 9460 lets a client shuffle them; a
 * fixed order keeps connects reproducible).
 */
final class ServiceOrder {
    private ServiceOrder() {}

    /**
     * A service endpoint to try, with the ALPN ids to offer it.
     *
     * @param service the endpoint
     * @param protocols what to offer on its attempts: the client's protocols that it supports, in
     *     the client's order; {@code null} to offer what the client offers anyway
     */
    record Choice(ServiceEndpoint service, List<String> protocols) {}

    /**
     * Orders and filters.
     *
     * @param answer the service answer
     * @param client the client's ALPN ids; when empty, every endpoint is compatible
     * @return the endpoints to try, best first
     */
    static List<Choice> order(ServiceAnswer answer, List<String> client) {
        List<Choice> choices = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (ServiceEndpoint service : answer.services()) {
            if (client.isEmpty()) {
                choices.add(new Choice(service, null));
                ranks.add(0);
                continue;
            }
            Set<String> supported = new LinkedHashSet<>(service.applicationProtocols());
            if (service.defaultProtocol() && answer.defaultProtocol() != null) {
                supported.add(answer.defaultProtocol());
            }
            if (supported.isEmpty()) {
                choices.add(new Choice(service, client)); // says nothing of protocols: the client's own
                ranks.add(0);
                continue;
            }
            List<String> common = client.stream().filter(supported::contains).toList();
            if (!common.isEmpty()) {
                choices.add(new Choice(service, common));
                ranks.add(client.indexOf(common.getFirst()));
            }
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.<Integer>comparingInt(i -> choices.get(i).service().priority()).thenComparingInt(ranks::get));
        return indexes.stream().map(choices::get).toList();
    }
}
