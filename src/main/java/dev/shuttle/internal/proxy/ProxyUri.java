package dev.shuttle.internal.proxy;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed proxy URI such as {@code socks5://user:pass@127.0.0.1:1080} or {@code http://proxy:3128}:
 * the protocol, the proxy's address and the percent-decoded credentials, which {@link #toString()}
 * and every message leave out.
 *
 * @param kind the protocol spoken to the proxy
 * @param address the proxy's address, {@code tls://} when the proxy is reached over TLS
 * @param username the user name, or {@code null} for none
 * @param password the password, or {@code null} for none (never without a user name)
 */
public record ProxyUri(ProxyKind kind, Endpoint address, String username, String password) {
    private static final int MAX_CREDENTIAL_BYTES = 255;

    public ProxyUri {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        if (password != null && username == null) {
            throw new IllegalArgumentException("a proxy password needs a user name");
        }
    }

    /**
     * Parses a proxy URI. Does no I/O.
     *
     * @param uri {@code scheme://[user[:password]@]host[:port][/]}, scheme one of {@code socks5},
     *     {@code socks5h}, {@code socks4a}, {@code socks4}, {@code http}, {@code https},
     *     {@code tls}; the user name and password percent-encoded where needed
     * @return the parsed URI
     * @throws IllegalArgumentException naming the URI (without its credentials) and what is wrong
     * @throws NullPointerException if {@code uri} is null
     */
    public static ProxyUri parse(String uri) {
        Objects.requireNonNull(uri, "proxy URI");
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd <= 0) {
            throw bad(uri, "it has no scheme; write socks5://, socks4a://, http:// or https://");
        }
        String schemeText = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        ProxyKind kind = ProxyKind.ofScheme(schemeText);
        if (kind == null) {
            throw bad(uri, "unknown proxy scheme '" + printable(schemeText)
                    + "'; use socks5, socks5h, socks4a, socks4, http, https or tls");
        }
        String rest = uri.substring(schemeEnd + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw bad(uri, "a proxy URI has no path, query or fragment");
        }
        int at = rest.lastIndexOf('@');
        String username = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            username = decode(uri, colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : decode(uri, userInfo.substring(colon + 1), "password");
            rest = rest.substring(at + 1);
            if (kind.socks() && username.isEmpty()) {
                throw bad(uri, "its user name is empty");
            }
            if (kind == ProxyKind.SOCKS5) {
                checkLength(uri, username, "user name");
                checkLength(uri, password == null ? "" : password, "password");
            }
            if (kind == ProxyKind.SOCKS4A && password != null) {
                throw bad(uri, "SOCKS4a has no passwords; only a user id (socks4a://id@host:port)");
            }
        }
        if (rest.isEmpty()) {
            throw bad(uri, "it has no host");
        }
        String hostPort = hasPort(rest) ? rest : rest + ":" + kind.defaultPort();
        Endpoint address;
        try {
            address = Endpoint.parse((kind.tls() ? "tls://" : "tcp://") + hostPort);
        } catch (IllegalArgumentException e) {
            throw bad(uri, e.getMessage());
        }
        return new ProxyUri(kind, address, username, password);
    }

    /** {@return whether a user name (and maybe a password) was given} */
    public boolean hasCredentials() {
        return username != null;
    }

    /** {@return the user name, if any} */
    public Optional<String> user() {
        return Optional.ofNullable(username);
    }

    /** {@return the address the connector that reaches the proxy is asked for} */
    public String connectUri() {
        return address.toString();
    }

    /** {@return the URI without credentials, such as {@code socks5://127.0.0.1:1080}} */
    @Override
    public String toString() {
        return kind.scheme() + "://" + address.toString().substring(address.scheme().text().length() + 3);
    }

    private static boolean hasPort(String hostPort) {
        int bracket = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        if (hostPort.startsWith("[")) {
            return colon > bracket;
        }
        return colon >= 0;
    }

    private static void checkLength(String uri, String value, String what) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CREDENTIAL_BYTES) {
            throw bad(uri, "its " + what + " is " + bytes + " bytes long; SOCKS5 allows at most 255");
        }
    }

    /** Percent-decodes one part of the user information as UTF-8 ({@code +} stays a plus). */
    private static String decode(String uri, String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw bad(uri, "its " + what + " has a '%' not followed by two hexadecimal digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The failure for a bad proxy URI, naming it without whatever stands before an {@code @}. */
    private static IllegalArgumentException bad(String uri, String problem) {
        return new IllegalArgumentException("Invalid proxy URI '" + withoutCredentials(uri) + "': " + problem);
    }

    /** The URI as it may be printed: any user information replaced by {@code ***}. */
    static String withoutCredentials(String uri) {
        int schemeEnd = uri.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = uri.lastIndexOf('@');
        String shown = at >= start ? uri.substring(0, start) + "***" + uri.substring(at) : uri;
        return printable(shown);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f || !Character.isDefined(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
