package dev.shuttle.internal.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.xbill.DNS.Name;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TextParseException;

/**
 * The system's DNS configuration (nameservers, search list, ndots), as dnsjava's
 * {@link ResolverConfig} finds it; or, when dnsjava fails on it, as Shuttle reads
 * {@code /etc/resolv.conf} itself, ignoring the lines it cannot use as the C library does.
 *
 * <p>dnsjava 3.7 throws a {@link java.util.NoSuchElementException} from every lookup of the
 * configuration when {@code resolv.conf} holds a {@code nameserver} line without an address, which
 * would make every resolver built on the system's configuration, and so {@code Connector.create()},
 * fail to start. The fallback never looks a name up: a nameserver that is not an IP address is
 * ignored.
 */
record SystemDnsConfig(List<InetSocketAddress> servers, List<Name> searchPath, int ndots) {
    private static final System.Logger LOG = System.getLogger("dev.shuttle.resolver");
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    /** The C library's limits: at most three nameservers, ndots at most 15. */
    private static final int MAX_SERVERS = 3;
    private static final int MAX_NDOTS = 15;
    /** dnsjava retries at every use and fails alike: say so once a process. */
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    /** {@return the configuration dnsjava reads, or this machine's resolv.conf read leniently if dnsjava fails} */
    static SystemDnsConfig current() {
        return current(ResolverConfig::getCurrentConfig, RESOLV_CONF);
    }

    static SystemDnsConfig current(Supplier<ResolverConfig> dnsjava, Path resolvConf) {
        try {
            ResolverConfig config = dnsjava.get();
            return new SystemDnsConfig(List.copyOf(config.servers()), List.copyOf(config.searchPath()), config.ndots());
        } catch (RuntimeException e) {
            if (!WARNED.getAndSet(true)) {
                LOG.log(System.Logger.Level.WARNING, () -> "dnsjava cannot read the system's DNS configuration (" + e
                        + "); reading " + resolvConf + " without it, ignoring the lines that cannot be used");
            }
            return read(resolvConf);
        }
    }

    private static SystemDnsConfig read(Path resolvConf) {
        try {
            // Bytes that are not UTF-8 (a comment in another encoding) spoil only their own word.
            return parse(new String(Files.readAllBytes(resolvConf), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return parse("");
        }
    }

    /**
     * Reads {@code resolv.conf} text: {@code nameserver} (IP addresses only, at most three),
     * {@code search} and {@code domain} (the last such line wins), {@code options ndots:n}.
     * Comments start with {@code #} or {@code ;}. Everything else, and every word that cannot be
     * used, is ignored. Without a nameserver, the local one ({@code 127.0.0.1:53}) is used, as
     * the C library and dnsjava do.
     *
     * @param text the file's text
     * @return the configuration
     */
    static SystemDnsConfig parse(String text) {
        List<InetSocketAddress> servers = new ArrayList<>();
        List<Name> search = new ArrayList<>();
        int ndots = 1;
        for (String line : text.split("\r?\n|\r")) {
            String[] words = line.strip().split("\\s+");
            if (words[0].isEmpty() || words[0].startsWith("#") || words[0].startsWith(";")) {
                continue;
            }
            switch (words[0]) {
                case "nameserver" -> {
                    InetSocketAddress server = words.length > 1 ? server(words[1]) : null;
                    if (server != null && servers.size() < MAX_SERVERS && !servers.contains(server)) {
                        servers.add(server);
                    }
                }
                case "search", "domain" -> {
                    search.clear();
                    for (int i = 1; i < words.length && !words[i].startsWith("#") && !words[i].startsWith(";"); i++) {
                        Name name = name(words[i]);
                        if (name != null && !search.contains(name)) {
                            search.add(name);
                        }
                    }
                }
                case "options" -> {
                    for (int i = 1; i < words.length; i++) {
                        if (words[i].startsWith("ndots:")) {
                            ndots = ndots(words[i].substring("ndots:".length()), ndots);
                        }
                    }
                }
                default -> { }
            }
        }
        if (servers.isEmpty()) {
            servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        }
        return new SystemDnsConfig(List.copyOf(servers), List.copyOf(search), ndots);
    }

    private static InetSocketAddress server(String word) {
        boolean ipv4WithPort = word.indexOf(':') >= 0 && word.indexOf(':') == word.lastIndexOf(':');
        if (word.startsWith("[") || ipv4WithPort) {
            return null; // resolv.conf takes a bare address: no brackets, no port
        }
        try {
            return Nameservers.parse(word);
        } catch (IllegalArgumentException e) {
            return null; // a hostname, or not an address at all
        }
    }

    private static Name name(String word) {
        try {
            return Name.fromString(word, Name.root);
        } catch (TextParseException | RuntimeException e) {
            return null;
        }
    }

    private static int ndots(String text, int previous) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return previous;
        }
        return Math.min(MAX_NDOTS, Integer.parseInt(text));
    }
}
