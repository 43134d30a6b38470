package dev.shuttle.internal.uri;

import dev.shuttle.Scheme;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one parser of Shuttle URIs: {@code host:port}, {@code tcp://host:port},
 * {@code tls://host:port}, {@code unix:///absolute/path}, IPv6 literals in brackets and IDN names.
 *
 * <p>Hosts go through {@link HostNames#normalise(String, int)}, whose Javadoc states the rule;
 * a Unix socket path is checked as a {@link Path} here, so nothing fails on it later.
 *
 * <p>Every fault is an {@link IllegalArgumentException} whose message names the URI and the fault,
 * such as {@code Invalid URI 'tcp://example.com:0': port 0 is outside 1-65535}; no other
 * exception escapes, whatever the text (except {@link NullPointerException} for a null URI).
 */
public final class UriParser {
    /** The most bytes a Unix socket path may have on Linux ({@code sun_path} less its NUL). */
    public static final int MAX_UNIX_PATH_BYTES = 107;

    private UriParser() {}

    /**
     * Parses a URI.
     *
     * @param uri the text
     * @param listening whether port 0 (any free port) is allowed, as it is for a server
     * @return the parts
     * @throws IllegalArgumentException naming the URI and what is wrong with it
     * @throws NullPointerException if {@code uri} is null
     */
    public static UriParts parse(String uri, boolean listening) {
        if (uri == null) {
            throw new NullPointerException("uri is null");
        }
        try {
            return parseChecked(uri, listening);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid URI '" + uri + "': " + e.getMessage(), e);
        }
    }

    private static UriParts parseChecked(String uri, boolean listening) {
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("the URI is empty");
        }
        int separator = uri.indexOf("://");
        Scheme scheme = Scheme.TCP;
        String rest = uri;
        if (separator >= 0) {
            String schemeText = uri.substring(0, separator);
            if (schemeText.isEmpty()) {
                throw new IllegalArgumentException("the scheme before '://' is empty");
            }
            scheme = Scheme.of(schemeText);
            rest = uri.substring(separator + 3);
        }
        if (scheme == Scheme.UNIX) {
            rejectControlCharacters(rest, separator + 3, false);
            return new UriParts(scheme, null, -1, unixPath(rest, separator + 3));
        }
        int offset = uri.length() - rest.length();
        rejectControlCharacters(rest, offset, true);
        return internet(scheme, rest, offset, listening);
    }

    private static void rejectControlCharacters(String text, int offset, boolean whitespaceToo) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || (whitespaceToo && Character.isWhitespace(c))) {
                throw new IllegalArgumentException("it contains " + (Character.isISOControl(c) ? "a control character" : "whitespace")
                        + " at index " + (offset + i));
            }
        }
    }

    /**
     * Checks a socket path as the file system will read it, so that nothing fails later, and
     * returns its normal form ({@code //} and a trailing {@code /} removed).
     */
    private static String unixPath(String path, int offset) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the socket path is empty (expected unix:///absolute/path)");
        }
        if (path.charAt(0) != '/') {
            throw new IllegalArgumentException("the socket path '" + path
                    + "' is relative or has a host (expected unix:///absolute/path)");
        }
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            if (Character.getType(c) == Character.SURROGATE) {
                throw new IllegalArgumentException("the socket path contains " + HostCharacters.describe(c)
                        + ", half of a surrogate pair without its other half, at index " + (offset + i));
            }
            i += Character.charCount(c);
        }
        String normal;
        try {
            normal = Path.of(path).toString();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("the socket path is not a valid path on this system: " + e.getReason(), e);
        }
        int bytes = normal.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_UNIX_PATH_BYTES) {
            throw new IllegalArgumentException("the socket path is " + bytes + " bytes long, more than the "
                    + MAX_UNIX_PATH_BYTES + " a Unix socket address can hold");
        }
        return normal;
    }

    private static UriParts internet(Scheme scheme, String authority, int offset, boolean listening) {
        for (int i = 0; i < authority.length(); i++) {
            switch (authority.charAt(i)) {
                case '/' -> throw new IllegalArgumentException("a path is not allowed here (found '"
                        + authority.substring(i) + "')");
                case '?' -> throw new IllegalArgumentException("a query is not allowed here (found '"
                        + authority.substring(i) + "')");
                case '#' -> throw new IllegalArgumentException("a fragment is not allowed here (found '"
                        + authority.substring(i) + "')");
                case '@' -> throw new IllegalArgumentException("user information before '@' is not allowed");
                default -> { }
            }
        }
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'[' opens an IPv6 address that no ']' closes");
            }
            host = authority.substring(1, close);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("the host is empty");
            }
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("'" + host + "' in brackets is not an IPv6 address");
            }
            String after = authority.substring(close + 1);
            if (after.isEmpty()) {
                throw new IllegalArgumentException("the port is missing (expected [" + host + "]:port)");
            }
            if (after.charAt(0) != ':') {
                throw new IllegalArgumentException("unexpected '" + after + "' after ']' (expected :port)");
            }
            portText = after.substring(1);
            HostCharacters.checkCategories(host, offset + 1);
            host = host.replace("%25", "%");
        } else {
            int first = authority.indexOf(':');
            if (first < 0) {
                throw new IllegalArgumentException("the port is missing (expected host:port)");
            }
            if (authority.indexOf(':', first + 1) >= 0) {
                throw new IllegalArgumentException("an IPv6 address must be written in brackets, like [::1]:80");
            }
            host = authority.substring(0, first);
            portText = authority.substring(first + 1);
        }
        int port = port(portText, listening);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        return new UriParts(scheme, HostNames.normalise(host, offset + (authority.startsWith("[") ? 1 : 0)), port, null);
    }

    private static int port(String text, boolean listening) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the port is missing after ':'");
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("port " + text + " is outside " + (listening ? 0 : 1) + "-65535");
            }
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
        int port = Integer.parseInt(text);
        int min = listening ? 0 : 1;
        if (port < min || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside " + min + "-65535"
                    + (port == 0 ? " (0, any free port, is only for listening)" : ""));
        }
        return port;
    }
}
