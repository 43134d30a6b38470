package dev.shuttle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a PROXY protocol header said about a connection a server accepted with
 * {@link ServerOptions.Builder#proxyProtocol}: reached through
 * {@code connection.unwrap(ProxyHeader.class)}, which is empty for a connection that sent no
 * header where it is {@linkplain ProxyProtocol.Builder#headerOptional optional}.
 *
 * <p>{@link #client()} is the original client, which is also the connection's
 * {@link Connection#remoteAddress()}; {@link #proxy()} is the peer that actually connected (the
 * load balancer). A header without addresses (a v2 {@code LOCAL} health check, v1
 * {@code UNKNOWN}, a UDP or Unix family) leaves {@code client()} and {@code destination()} empty
 * and the remote address the proxy's. Version 2 headers may carry TLVs: the ALPN protocol, the
 * authority (the SNI host name) and the TLS details of the client's connection to the proxy.
 */
public final class ProxyHeader {
    /** TLV type of the ALPN protocol (PP2_TYPE_ALPN). */
    public static final int TYPE_ALPN = 0x01;
    /** TLV type of the authority, the host name the client asked for (PP2_TYPE_AUTHORITY). */
    public static final int TYPE_AUTHORITY = 0x02;
    /** TLV type of the client connection's TLS details (PP2_TYPE_SSL). */
    public static final int TYPE_SSL = 0x20;

    private final int version;
    private final Endpoint client;
    private final Endpoint destination;
    private final Endpoint proxy;
    private final List<Tlv> tlvs;

    /**
     * Creates the header. Made by the server; public for tests and for code that reads headers itself.
     *
     * @param version 1 or 2
     * @param client the original client, or {@code null} when the header carries none
     * @param destination where the client connected, or {@code null} when the header carries none
     * @param proxy the peer that sent the header
     * @param tlvs the v2 TLVs in the order sent
     */
    public ProxyHeader(int version, Endpoint client, Endpoint destination, Endpoint proxy, List<Tlv> tlvs) {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY protocol version must be 1 or 2, not " + version);
        }
        this.version = version;
        this.client = client;
        this.destination = destination;
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.tlvs = List.copyOf(tlvs);
    }

    /** {@return 1 or 2} */
    public int version() {
        return version;
    }

    /** {@return the original client, if the header carries it} */
    public Optional<Endpoint> client() {
        return Optional.ofNullable(client);
    }

    /** {@return the address the client connected to (the proxy's front end), if carried} */
    public Optional<Endpoint> destination() {
        return Optional.ofNullable(destination);
    }

    /** {@return the peer that sent the header: the proxy} */
    public Endpoint proxy() {
        return proxy;
    }

    /** {@return the v2 TLVs in the order sent; empty for v1} */
    public List<Tlv> tlvs() {
        return tlvs;
    }

    /** {@return the value of the first TLV of this type} */
    public Optional<byte[]> tlv(int type) {
        return tlvs.stream().filter(t -> t.type() == type).findFirst().map(Tlv::value);
    }

    /** {@return the ALPN protocol the client negotiated with the proxy, such as {@code h2}} */
    public Optional<String> alpn() {
        return tlv(TYPE_ALPN).map(v -> new String(v, StandardCharsets.US_ASCII));
    }

    /** {@return the authority (SNI host name) the client asked the proxy for} */
    public Optional<String> authority() {
        return tlv(TYPE_AUTHORITY).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** {@return the TLS details of the client's connection to the proxy, when the proxy sent them} */
    public Optional<TlsDetails> tls() {
        return tlv(TYPE_SSL).flatMap(TlsDetails::parse);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyHeader that && version == that.version && Objects.equals(client, that.client)
                && Objects.equals(destination, that.destination) && proxy.equals(that.proxy) && tlvs.equals(that.tlvs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, client, destination, proxy, tlvs);
    }

    @Override
    public String toString() {
        return "ProxyHeader[v" + version + ", client=" + (client == null ? "unknown" : client) + ", proxy=" + proxy
                + (tlvs.isEmpty() ? "" : ", " + tlvs.size() + " TLVs") + "]";
    }

    /**
     * One v2 type-length-value field.
     *
     * @param type 0 to 255
     * @param value its bytes
     */
    public record Tlv(int type, byte[] value) {
        /**
         * Creates the TLV, copying the value.
         *
         * @throws IllegalArgumentException if the type is outside 0-255
         */
        public Tlv {
            if (type < 0 || type > 255) {
                throw new IllegalArgumentException("TLV type must be 0 to 255, not " + type);
            }
            value = value.clone();
        }

        /** {@return a copy of the value} */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tlv that && type == that.type && java.util.Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return type * 31 + java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Tlv[type=0x" + Integer.toHexString(type) + ", " + value.length + " bytes]";
        }
    }

    /**
     * The PP2_TYPE_SSL TLV: how the client reached the proxy.
     *
     * @param clientFlags the client bit field: 0x01 the client connected over TLS, 0x02 it sent a
     *     certificate on this connection, 0x04 it sent one on the session
     * @param verified whether the proxy verified the client's certificate (verify field 0)
     * @param version the TLS version, such as {@code TLSv1.3}, or empty
     * @param cipher the cipher suite, or empty
     * @param commonName the client certificate's common name, or empty
     */
    public record TlsDetails(int clientFlags, boolean verified, String version, String cipher, String commonName) {
        /** {@return whether the client connected to the proxy over TLS} */
        public boolean overTls() {
            return (clientFlags & 0x01) != 0;
        }

        static Optional<TlsDetails> parse(byte[] value) {
            if (value.length < 5) {
                return Optional.empty();
            }
            int flags = value[0] & 0xFF;
            boolean verified = value[1] == 0 && value[2] == 0 && value[3] == 0 && value[4] == 0;
            String version = "";
            String cipher = "";
            String commonName = "";
            int at = 5;
            while (value.length - at >= 3) {
                int type = value[at] & 0xFF;
                int length = ((value[at + 1] & 0xFF) << 8) | (value[at + 2] & 0xFF);
                if (length > value.length - at - 3) {
                    break;
                }
                String text = new String(value, at + 3, length, StandardCharsets.UTF_8);
                switch (type) {
                    case 0x21 -> version = text;
                    case 0x22 -> commonName = text;
                    case 0x23 -> cipher = text;
                    default -> {}
                }
                at += 3 + length;
            }
            return Optional.of(new TlsDetails(flags, verified, version, cipher, commonName));
        }
    }
}
