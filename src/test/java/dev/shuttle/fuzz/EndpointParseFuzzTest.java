package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shuttle.Endpoint;
import dev.shuttle.Scheme;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes {@link Endpoint#parse(String)} and {@link Endpoint#parseListening(String)}.
 *
 * <p>Invariant: for any text, parsing either throws an {@link IllegalArgumentException} whose
 * message contains the text, or returns an endpoint that
 * <ul>
 *   <li>round-trips: {@code Endpoint.parse(e.toString()).equals(e)}, with the same text;
 *   <li>has a host made only of {@code a-z 0-9 . - _ : %} (brackets belong to the URI text, not the
 *       host);
 *   <li>has a canonical dotted-quad host whenever its host is made of numbers in any base (decimal,
 *       octal, {@code 0x} hex) and dots, so that no short or numeric IPv4 spelling passes as a
 *       name;
 *   <li>answers {@code path()}, {@code socketAddress()}, {@code ipAddress()} and {@code toUri()}
 *       without throwing: a Unix path is checked when it is parsed, not later.
 * </ul>
 */
class EndpointParseFuzzTest {
    private static final Pattern HOST_CHARACTERS = Pattern.compile("[a-z0-9._:%-]+");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    @Provide
    Arbitrary<String> uris() {
        return HostileSpellings.uris();
    }

    /** Random URIs built from the corpus and hostile pieces; the invariant of the class holds. */
    @FuzzTarget
    void parseOnlyRefusesOrRoundTrips(@ForAll("uris") String uri, @ForAll boolean listening) {
        check(uri, listening);
    }

    /** Every URI of the seed corpus, and every corpus host with a port, every time; lists every failure. */
    @Example
    void everySeedHolds() {
        SeedFailures failures = new SeedFailures();
        for (String uri : HostileSpellings.URIS) {
            failures.check(() -> check(uri, false));
            failures.check(() -> check(uri, true));
        }
        for (String host : HostileSpellings.HOSTS) {
            failures.check(() -> check("tcp://" + host + ":80", false));
            failures.check(() -> check("tcp://[" + host + "]:80", false));
            failures.check(() -> check(host + ":0", true));
        }
        failures.assertNone();
    }

    static void check(String uri, boolean listening) {
        Endpoint endpoint;
        try {
            endpoint = listening ? Endpoint.parseListening(uri) : Endpoint.parse(uri);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(uri),
                    () -> "the message does not name the URI " + escaped(uri) + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("parsing " + escaped(uri) + " threw " + e, e);
        }
        String text = endpoint.toString();
        Endpoint again;
        try {
            again = listening ? Endpoint.parseListening(text) : Endpoint.parse(text);
        } catch (RuntimeException e) {
            throw new AssertionError(escaped(uri) + " parsed to " + escaped(text) + ", which does not parse: " + e, e);
        }
        assertEquals(endpoint, again, () -> escaped(uri) + " does not round-trip through " + escaped(text));
        assertEquals(text, again.toString(), () -> escaped(uri) + " does not round-trip through " + escaped(text));
        try {
            endpoint.socketAddress();
            endpoint.ipAddress();
            endpoint.toUri();
            if (endpoint.scheme() == Scheme.UNIX) {
                endpoint.path();
                return;
            }
        } catch (RuntimeException e) {
            throw new AssertionError(escaped(uri) + " parsed, but its endpoint throws " + e, e);
        }
        String host = endpoint.host();
        if (!HOST_CHARACTERS.matcher(host).matches()) {
            fail(escaped(uri) + " parsed to the host " + escaped(host) + ", which holds a character outside [a-z0-9._:%-]");
        }
        if (host.indexOf(':') < 0 && isNumeric(host) && !DOTTED_QUAD.matcher(host).matches()) {
            fail(escaped(uri) + " parsed to the host " + escaped(host)
                    + ", made of numbers like an IPv4 address but not a canonical dotted quad");
        }
    }

    /** Whether every label (a trailing dot aside) is a number as inet_aton reads one. */
    private static boolean isNumeric(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String label : name.split("\\.", -1)) {
            if (!NUMERIC_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    static String escaped(String text) {
        return Escaped.of(text);
    }
}
