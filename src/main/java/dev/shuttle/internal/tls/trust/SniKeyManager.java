package dev.shuttle.internal.tls.trust;

import dev.shuttle.tls.TlsCertificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the certificate to present: among those whose key fits the key type asked for, the
 * first whose names match the SNI name the client sent, else the first one. (BouncyCastle's own
 * key manager prefers SNI matches too, but among the rest it does not keep the configured order.)
 * Aliases are the certificates' indexes. As a client's key manager it presents its one
 * certificate when its key type is acceptable.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
    private final List<TlsCertificate> certificates;

    public SniKeyManager(List<TlsCertificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseClient(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClient(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliases(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliases(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TlsCertificate certificate = byAlias(alias);
        return certificate == null ? null : certificate.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TlsCertificate certificate = byAlias(alias);
        return certificate == null ? null : certificate.privateKey();
    }

    private String choose(String keyType, SSLSession handshake) {
        String requested = requestedName(handshake);
        String fallback = null;
        for (int i = 0; i < certificates.size(); i++) {
            TlsCertificate certificate = certificates.get(i);
            if (!fits(keyType, certificate.privateKey())) {
                continue;
            }
            if (requested == null || HostnameMatcher.matches(certificate.chain().getFirst(), requested)) {
                return Integer.toString(i);
            }
            if (fallback == null) {
                fallback = Integer.toString(i);
            }
        }
        return fallback;
    }

    private String chooseClient(String[] keyTypes) {
        for (String keyType : keyTypes) {
            String alias = choose(keyType, null);
            if (alias != null) {
                return alias;
            }
        }
        return null;
    }

    private String[] aliases(String keyType) {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            if (fits(keyType, certificates.get(i).privateKey())) {
                aliases.add(Integer.toString(i));
            }
        }
        return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
    }

    private TlsCertificate byAlias(String alias) {
        try {
            int index = Integer.parseInt(alias);
            return index >= 0 && index < certificates.size() ? certificates.get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String requestedName(SSLSession handshake) {
        if (!(handshake instanceof ExtendedSSLSession extended)) {
            return null;
        }
        try {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        } catch (UnsupportedOperationException e) {
            return null;
        }
        return null;
    }

    /**
     * Whether a key serves the key type BouncyCastle asks for: {@code RSA}, {@code RSASSA-PSS},
     * {@code EC} (TLS 1.2), {@code EC/secp256r1} (TLS 1.3 names the curve), {@code Ed25519}...
     */
    public static boolean fits(String keyType, PrivateKey key) {
        String type = keyType.toUpperCase(Locale.ROOT);
        return switch (key.getAlgorithm()) {
            case "RSA" -> type.contains("RSA");
            case "EC", "ECDSA" -> type.equals("EC") || type.contains("ECDSA")
                    || type.startsWith("EC/") && curveFits(type.substring(3), key);
            default -> type.equalsIgnoreCase(key.getAlgorithm());
        };
    }

    private static boolean curveFits(String curve, PrivateKey key) {
        if (!(key instanceof ECKey ec)) {
            return false;
        }
        String bits = Integer.toString(ec.getParams().getCurve().getField().getFieldSize());
        return curve.startsWith("SECP") && curve.contains(bits) && !curve.contains("K1");
    }
}
