package dev.shuttle.internal.dns;

import dev.shuttle.internal.uri.HostNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Checks the search domains of a resolver: hostnames, written lower case without a final dot. */
public final class SearchDomains {
    private SearchDomains() {}

    /**
     * Checks and normalises search domains.
     *
     * @param domains the domains as given
     * @return the domains in canonical form, in the same order
     * @throws IllegalArgumentException naming the first domain that is not a hostname
     */
    public static List<String> normalise(List<String> domains) {
        List<String> normalised = new ArrayList<>(domains.size());
        for (String domain : domains) {
            Objects.requireNonNull(domain, "search domain");
            String name;
            try {
                name = HostNames.normalise(domain);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("searchDomains: '" + domain + "' is not valid: " + e.getMessage(), e);
            }
            if (HostNames.literal(name) != null) {
                throw new IllegalArgumentException("searchDomains: '" + domain + "' is an IP address, not a domain");
            }
            normalised.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        }
        return List.copyOf(normalised);
    }
}
