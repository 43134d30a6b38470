package dev.shuttle.internal.proxyprotocol;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The peers allowed to send a PROXY header: addresses ({@code 127.0.0.1}, {@code ::1}), networks in
 * CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) and {@code unix} for every Unix-socket peer.
 * An IPv4-mapped IPv6 peer ({@code ::ffff:10.0.0.1}) matches as its IPv4 address.
 */
public final class TrustedSources {
    private final List<Network> networks;
    private final boolean unix;
    private final List<String> canonical;

    private TrustedSources(List<Network> networks, boolean unix, List<String> canonical) {
        this.networks = networks;
        this.unix = unix;
        this.canonical = canonical;
    }

    /**
     * Parses the sources.
     *
     * @param sources addresses, networks or {@code unix}
     * @return the sources
     * @throws IllegalArgumentException naming a source that is none of these, a prefix out of range,
     *     or a network with bits set past its prefix
     */
    public static TrustedSources parse(List<String> sources) {
        List<Network> networks = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        boolean unix = false;
        for (String source : sources) {
            if (source == null) {
                throw new NullPointerException("a trusted PROXY protocol source is null");
            }
            if (source.toLowerCase(Locale.ROOT).equals("unix")) {
                unix = true;
                canonical.add("unix");
                continue;
            }
            Network network = Network.parse(source);
            networks.add(network);
            canonical.add(network.toString());
        }
        return new TrustedSources(List.copyOf(networks), unix, List.copyOf(canonical));
    }

    /** {@return the sources in canonical form} */
    public List<String> canonical() {
        return canonical;
    }

    /** {@return whether a peer at this address may send a header} */
    public boolean trusts(Endpoint peer) {
        if (peer.scheme() == Scheme.UNIX) {
            return unix;
        }
        InetAddress address = peer.ipAddress().orElse(null);
        if (address == null) {
            return false;
        }
        byte[] bytes = unmapped(address.getAddress());
        for (Network network : networks) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return java.util.Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes;
    }

    /** An address and a prefix length. */
    private record Network(byte[] address, int prefix) {
        static Network parse(String source) {
            String text = source.strip();
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            byte[] address = addressBytes(source, host);
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String digits = text.substring(slash + 1);
                if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                        || Integer.parseInt(digits) > bits) {
                    throw new IllegalArgumentException("trusted PROXY protocol source '" + source
                            + "' has an invalid prefix length; write 0 to " + bits);
                }
                prefix = Integer.parseInt(digits);
            }
            byte[] unmapped = unmapped(address);
            if (unmapped.length == 4 && address.length == 16) {
                prefix = Math.max(0, prefix - 96);
            }
            Network network = new Network(unmapped, prefix);
            if (!network.contains(unmapped) || !java.util.Arrays.equals(network.masked(unmapped), unmapped)) {
                throw new IllegalArgumentException("trusted PROXY protocol source '" + source
                        + "' has bits set past its prefix; write " + new Network(network.masked(unmapped), prefix));
            }
            return network;
        }

        private static byte[] addressBytes(String source, String host) {
            try {
                if (host.indexOf(':') >= 0) {
                    if (!host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                        throw new IllegalArgumentException("not an IPv6 address");
                    }
                    InetAddress address = Inet6Address.ofLiteral(host);
                    if (address instanceof Inet4Address) {
                        byte[] mapped = new byte[16];
                        mapped[10] = (byte) 0xFF;
                        mapped[11] = (byte) 0xFF;
                        System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
                        return mapped;
                    }
                    return address.getAddress();
                }
                if (!Ipv4Quad.isDottedQuad(host)) {
                    throw new IllegalArgumentException("not a dotted quad");
                }
                return Inet4Address.ofLiteral(host).getAddress();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trusted PROXY protocol source '" + source
                        + "' is not an IP address, a network such as 10.0.0.0/8 or fd00::/8, or 'unix'");
            }
        }

        byte[] masked(byte[] bytes) {
            byte[] masked = bytes.clone();
            for (int i = 0; i < masked.length; i++) {
                int keep = Math.clamp(prefix - i * 8L, 0, 8);
                masked[i] &= (byte) (0xFF00 >> keep);
            }
            return masked;
        }

        boolean contains(byte[] bytes) {
            return bytes.length == address.length && java.util.Arrays.equals(masked(bytes), address);
        }

        @Override
        public String toString() {
            try {
                InetAddress shown = InetAddress.getByAddress(address);
                String text = shown instanceof Inet6Address
                        ? Endpoint.of(Scheme.TCP, new java.net.InetSocketAddress(shown, 1)).host()
                        : shown.getHostAddress();
                return prefix == address.length * 8 ? text : text + "/" + prefix;
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Network that && prefix == that.prefix && java.util.Arrays.equals(address, that.address);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(address) * 31 + prefix;
        }
    }
}
