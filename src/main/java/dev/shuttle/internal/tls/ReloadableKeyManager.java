package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.trust.SniKeyManager;
import dev.shuttle.tls.TlsCertificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server's key manager whose certificates can be replaced while it serves: each handshake asks
 * the {@link SniKeyManager} current when it starts, and keeps asking that same one (the alias it
 * chose names a certificate of that set), so a reload in the middle of a handshake cannot mix two
 * sets. Connections already established are not touched.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {
    /** The set, and the aliases it gave out (alias = generation + ":" + index). */
    private record Generation(long number, SniKeyManager keys) {}

    private volatile Generation current;
    /** The set one generation back, kept so that a handshake that chose just before a reload can finish. */
    private volatile Generation before;

    ReloadableKeyManager(List<TlsCertificate> certificates) {
        this.current = new Generation(0, new SniKeyManager(certificates));
    }

    /** New handshakes use these certificates from now on. */
    void replace(List<TlsCertificate> certificates) {
        Generation previous = current;
        before = previous;
        current = new Generation(previous.number() + 1, new SniKeyManager(certificates));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation generation = current;
        return tag(generation, generation.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation generation = current;
        return tag(generation, generation.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        Generation generation = current;
        return tag(generation, generation.keys().chooseClientAlias(keyTypes, issuers, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        Generation generation = current;
        return tag(generation, generation.keys().chooseEngineClientAlias(keyTypes, issuers, engine));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation generation = current;
        return tagAll(generation, generation.keys().getServerAliases(keyType, issuers));
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        Generation generation = current;
        return tagAll(generation, generation.keys().getClientAliases(keyType, issuers));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Tagged tagged = untag(alias);
        return tagged == null ? null : tagged.keys().getCertificateChain(tagged.alias());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Tagged tagged = untag(alias);
        return tagged == null ? null : tagged.keys().getPrivateKey(tagged.alias());
    }

    private record Tagged(SniKeyManager keys, String alias) {}

    /** The set an alias was given out by: the current one or the one before, else none (two reloads came in between). */
    private Tagged untag(String alias) {
        if (alias == null) {
            return null;
        }
        int colon = alias.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Generation generation = current;
        long number;
        try {
            number = Long.parseLong(alias.substring(0, colon));
        } catch (NumberFormatException e) {
            return null;
        }
        SniKeyManager keys = number == generation.number() ? generation.keys() : previous(number);
        return keys == null ? null : new Tagged(keys, alias.substring(colon + 1));
    }

    private SniKeyManager previous(long number) {
        Generation kept = before;
        return kept != null && kept.number() == number ? kept.keys() : null;
    }

    private static String tag(Generation generation, String alias) {
        return alias == null ? null : generation.number() + ":" + alias;
    }

    private static String[] tagAll(Generation generation, String[] aliases) {
        if (aliases == null) {
            return null;
        }
        String[] tagged = new String[aliases.length];
        for (int i = 0; i < aliases.length; i++) {
            tagged[i] = tag(generation, aliases[i]);
        }
        return tagged;
    }
}
