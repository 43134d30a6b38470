package dev.shuttle.internal.tls.trust;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.internal.uri.HostNames;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed EC P-256 certificate for development servers and tests, with the JDK's own
 * crypto (nothing registered globally).
 */
public final class SelfSigned {
    private static final Duration VALIDITY = Duration.ofDays(30);

    private SelfSigned() {}

    /**
     * Makes the certificate.
     *
     * @param names hostnames and IP addresses for its subject alternative names; the first is its
     *     common name
     * @return the certificate and its key
     * @throws IllegalArgumentException if no name is given or one is not a hostname or IP address
     */
    public static TlsCertificate create(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("a self-signed certificate needs at least one name");
        }
        GeneralName[] alternatives = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            String name = HostNames.normalise(names[i]);
            boolean ip = HostNames.literal(name) != null;
            alternatives[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, ip ? name.replaceFirst("%.*", "") : name);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names[0]);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return TlsCertificate.of(List.of(certificate), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e, e);
        }
    }
}
