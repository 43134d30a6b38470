package dev.shuttle.internal.tls;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * The SNI a client sends for the name it verifies the server's certificate against, chosen as the
 * JDK's own client chooses it: a fully qualified name's one trailing dot is dropped
 * ({@code db.example.com.} is sent as {@code db.example.com}, as RFC 6066 requires), and nothing
 * is sent for an IP literal or for a name that SNI cannot carry, such as docker-compose's
 * {@code project_db_1} (RFC 6066 allows letters, digits and hyphens only). The certificate is
 * verified against the name either way.
 */
public final class ServerNames {
    private ServerNames() {}

    /** {@return the SNI to send for {@code name}: one host name, or none} */
    public static List<SNIServerName> of(String name) {
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.isEmpty() || isLiteral(bare)) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(bare));
        } catch (RuntimeException notAHostName) {
            // IllegalArgumentException, or the bare RuntimeException java.net.IDN throws for a
            // label too long to convert: no SNI, and verification refuses the name, saying why.
            return List.of();
        }
    }

    /** An IPv6 literal (with or without brackets) or something that looks like an IPv4 one. */
    private static boolean isLiteral(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
