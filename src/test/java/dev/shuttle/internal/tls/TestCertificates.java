package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import dev.shuttle.tls.TlsCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time with bcpkix: a CA, and leaf certificates it issues (server names,
 * a client, expired ones, wrong names), plus self-signed ones. RSA 2048 or EC P-256. One CA per
 * key type is shared by all tests of a JVM, as RSA keys take a while to generate.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static TestCertificates rsa;
    private static TestCertificates ec;

    /** The key algorithm of every certificate of one authority. */
    public enum KeyType {
        /** RSA 2048, SHA256withRSA. */
        RSA,
        /** EC P-256, SHA256withECDSA. */
        EC
    }

    private final KeyType type;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private TlsCertificate server;
    private TlsCertificate client;
    private PrivateKey lastLeafKey;

    private TestCertificates(KeyType type) {
        this.type = type;
        this.caKeys = keyPair(type);
        this.ca = sign(new X500Name("CN=Shuttle Test CA " + type), caKeys, new X500Name("CN=Shuttle Test CA " + type),
                caKeys.getPrivate(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), true,
                List.of());
    }

    /** {@return the shared EC authority} */
    public static synchronized TestCertificates ec() {
        if (ec == null) {
            ec = new TestCertificates(KeyType.EC);
        }
        return ec;
    }

    /** {@return the shared RSA authority} */
    public static synchronized TestCertificates rsa() {
        if (rsa == null) {
            rsa = new TestCertificates(KeyType.RSA);
        }
        return rsa;
    }

    /** {@return a new authority of its own, trusted by nobody who trusts the shared ones} */
    public static TestCertificates another(KeyType type) {
        return new TestCertificates(type);
    }

    /** {@return the shared authority of a key type} */
    public static TestCertificates of(KeyType type) {
        return type == KeyType.RSA ? rsa() : ec();
    }

    /** {@return the CA certificate} */
    public X509Certificate ca() {
        return ca;
    }

    /** {@return a server certificate for localhost, 127.0.0.1 and ::1, issued by the CA} */
    public synchronized TlsCertificate server() {
        if (server == null) {
            server = issue("localhost", Duration.ofDays(10), "localhost", "127.0.0.1", "::1");
        }
        return server;
    }

    /** {@return a client certificate, CN=shuttle-client, issued by the CA} */
    public synchronized TlsCertificate client() {
        if (client == null) {
            client = issue("shuttle-client", Duration.ofDays(10));
        }
        return client;
    }

    /**
     * Issues a leaf certificate.
     *
     * @param commonName the subject's CN
     * @param validity how long it is valid from an hour ago; negative for one that expired
     * @param names DNS names and IP addresses for the subject alternative names
     * @return the certificate with its chain (leaf, CA)
     */
    public TlsCertificate issue(String commonName, Duration validity, String... names) {
        KeyPair keys = keyPair(type);
        Instant from = validity.isNegative() ? Instant.now().minus(Duration.ofDays(30)) : Instant.now().minus(Duration.ofHours(1));
        Instant to = validity.isNegative() ? Instant.now().plus(validity) : Instant.now().plus(validity);
        X509Certificate leaf = sign(new X500Name("CN=" + commonName), keys, new X500Name(ca.getSubjectX500Principal().getName()),
                caKeys.getPrivate(), from, to, false, List.of(names));
        return TlsCertificate.of(List.of(leaf, ca), keys.getPrivate());
    }

    /**
     * Issues an intermediate CA under this CA, and a leaf under the intermediate, as public CAs do.
     *
     * @param intermediateValidity how long the intermediate is valid from an hour ago; negative
     *     for one that expired
     * @param names DNS names and IP addresses of the leaf
     * @return the leaf with its chain (leaf, intermediate; not this CA)
     */
    public TlsCertificate issueThroughIntermediate(Duration intermediateValidity, String... names) {
        KeyPair intermediateKeys = keyPair(type);
        X500Name intermediateName = new X500Name("CN=Shuttle Test Intermediate " + type + " " + SERIAL.incrementAndGet());
        X509Certificate intermediate = sign(intermediateName, intermediateKeys, new X500Name(ca.getSubjectX500Principal().getName()),
                caKeys.getPrivate(), from(intermediateValidity), Instant.now().plus(intermediateValidity), true, List.of());
        KeyPair leafKeys = keyPair(type);
        X509Certificate leaf = sign(new X500Name("CN=" + names[0]), leafKeys, intermediateName, intermediateKeys.getPrivate(),
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)), false, List.of(names));
        return TlsCertificate.of(List.of(leaf, intermediate), leafKeys.getPrivate());
    }

    /**
     * {@return this CA's subject and key certified by another, older root, and expired a day ago:
     * what a server still sends after its intermediate in a long chain (DST Root CA X3's
     * cross-sign of ISRG Root X1)}
     */
    public X509Certificate expiredCrossSign() {
        KeyPair oldRootKeys = keyPair(type);
        return sign(new X500Name(ca.getSubjectX500Principal().getName()), caKeys, new X500Name("CN=Shuttle Old Root " + type),
                oldRootKeys.getPrivate(), Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)), true,
                List.of());
    }

    private static Instant from(Duration validity) {
        return validity.isNegative() ? Instant.now().minus(Duration.ofDays(30)) : Instant.now().minus(Duration.ofHours(1));
    }

    /** {@return a server certificate for localhost and 127.0.0.1 that expired a day ago} */
    public TlsCertificate expiredServer() {
        return issue("localhost", Duration.ofDays(-1), "localhost", "127.0.0.1");
    }

    /** {@return a self-signed certificate for localhost and 127.0.0.1, trusted by nobody} */
    public TlsCertificate selfSigned() {
        KeyPair keys = keyPair(type);
        X500Name name = new X500Name("CN=self-signed localhost");
        X509Certificate certificate = sign(name, keys, name, keys.getPrivate(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(10)), false, List.of("localhost", "127.0.0.1"));
        return TlsCertificate.of(List.of(certificate), keys.getPrivate());
    }

    /** {@return a key store holding the CA certificate as a trusted entry} */
    public KeyStore caStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        return store;
    }

    /**
     * Writes objects (certificates, keys) to a PEM file.
     *
     * @param file the file
     * @param objects what to write, in order
     * @return the file
     */
    public static Path writePem(Path file, Object... objects) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            for (Object object : objects) {
                if (object instanceof List<?> list) {
                    for (Object item : list) {
                        pem.writeObject(item);
                    }
                } else {
                    pem.writeObject(object);
                }
            }
        }
        return file;
    }

    /** {@return the file, holding the key as PKCS#8 encrypted with AES-256-CBC under the passphrase} */
    public static Path writeEncryptedKey(Path file, PrivateKey key, char[] passphrase) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(BouncyCastle.crypto())
                .setPassword(passphrase)
                .build();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(new JcaPKCS8Generator(key, encryptor));
        }
        return file;
    }

    /** {@return the file, holding the key as unencrypted PKCS#8 ({@code PRIVATE KEY})} */
    public static Path writePkcs8Key(Path file, PrivateKey key) throws Exception {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        return file;
    }

    /** {@return the file, holding the certificate and key as PKCS#12 under the password} */
    public static Path writePkcs12(Path file, TlsCertificate certificate, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.privateKey(), password, certificate.chain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    /** {@return a new RSASSA-PSS 2048 key pair: an RSA key for PSS signatures only, with any parameters} */
    public static KeyPair rsaPssKeyPair() {
        return rsaPssKeyPair(null);
    }

    /**
     * {@return a new RSASSA-PSS 2048 key pair}
     *
     * @param parameters the only PSS parameters the key may sign with, or {@code null} for any
     */
    public static KeyPair rsaPssKeyPair(java.security.spec.PSSParameterSpec parameters) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSASSA-PSS");
            generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, java.security.spec.RSAKeyGenParameterSpec.F4,
                    parameters));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a self-signed certificate for an RSASSA-PSS key pair, valid for a day, for one DNS name} */
    public static X509Certificate rsaPssSelfSigned(KeyPair keys, String name) {
        X500Name subject = new X500Name("CN=" + name);
        return sign(subject, keys, subject, keys.getPrivate(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), false, List.of(name));
    }

    private static KeyPair keyPair(KeyType type) {
        try {
            if (type == KeyType.RSA) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
            Instant from, Instant to, boolean isCa, List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            boolean ip = name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            general.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        return sign(subject, subjectKeys.getPublic(), issuer, issuerKey, from, to, isCa, general, null);
    }

    /**
     * Issues a leaf certificate under this CA, every part chosen by the caller.
     *
     * @param commonName the subject's CN
     * @param from valid from
     * @param to valid until
     * @param keys the leaf's key pair (see {@link #rsaKeyPair(int)}, {@link #ecKeyPair(String)})
     * @param signatureAlgorithm the CA's signature, such as {@code SHA1withECDSA}; {@code null} for SHA-256
     * @param names the subject alternative names, as given (a DNS name may hold an IP literal)
     * @return the leaf with its chain (leaf, CA)
     */
    public TlsCertificate issueCustom(String commonName, Instant from, Instant to, KeyPair keys, String signatureAlgorithm,
            GeneralName... names) {
        return TlsCertificate.of(List.of(issueCertificate(commonName, from, to, keys.getPublic(), signatureAlgorithm, names), ca),
                keys.getPrivate());
    }

    /** {@return a leaf certificate of this CA for a public key, as {@link #issueCustom} makes it, without its key} */
    public X509Certificate issueCertificate(String commonName, Instant from, Instant to, java.security.PublicKey key,
            String signatureAlgorithm, GeneralName... names) {
        return sign(new X500Name("CN=" + commonName), key, new X500Name(ca.getSubjectX500Principal().getName()),
                caKeys.getPrivate(), from, to, false, List.of(names), signatureAlgorithm);
    }

    /**
     * Issues an intermediate CA under this CA, and a leaf under it.
     *
     * @param intermediateSignature the CA's signature on the intermediate; {@code null} for SHA-256
     * @param names the leaf's DNS names and IP addresses
     * @return the leaf, the intermediate, this CA, in order
     */
    public synchronized List<X509Certificate> intermediateChain(String intermediateSignature, String... names) {
        KeyPair intermediateKeys = keyPair(type);
        X500Name intermediateName = new X500Name("CN=Shuttle Test Intermediate " + type + " " + SERIAL.incrementAndGet());
        X509Certificate intermediate = sign(intermediateName, intermediateKeys.getPublic(), new X500Name(ca.getSubjectX500Principal().getName()),
                caKeys.getPrivate(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)), true, List.of(),
                intermediateSignature);
        KeyPair leafKeys = keyPair(type);
        lastLeafKey = leafKeys.getPrivate();
        X509Certificate leaf = sign(new X500Name("CN=" + names[0]), leafKeys, intermediateName, intermediateKeys.getPrivate(),
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)), false, List.of(names));
        return List.of(leaf, intermediate, ca);
    }

    /** {@return the private key of the leaf the last {@link #intermediateChain} call made} */
    public synchronized PrivateKey lastLeafKey() {
        return lastLeafKey;
    }

    /** {@return a new RSA key pair of this size} */
    public static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a new EC key pair on this curve, such as {@code secp256r1}} */
    public static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a leaf certificate of this CA whose subject alternative names are these DNS names, whatever they look like} */
    public static X509Certificate withDnsNames(TestCertificates pki, String... dnsNames) {
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        return (X509Certificate) pki.issueCustom("subject", Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)),
                keyPair(pki.type), null, names).chain().getFirst();
    }

    private static X509Certificate sign(X500Name subject, java.security.PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
            Instant from, Instant to, boolean isCa, List<GeneralName> general, String signatureAlgorithm) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from), Date.from(to), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, isCa
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!general.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general.toArray(GeneralName[]::new)));
            }
            ContentSigner signer = signatureAlgorithm != null
                    ? new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BouncyCastle.crypto()).build(issuerKey)
                    : switch (issuerKey.getAlgorithm()) {
                        case "RSA" -> new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey);
                        // The JDK has no "SHA256withRSAandMGF1": BouncyCastle's provider signs it.
                        case "RSASSA-PSS" -> new JcaContentSignerBuilder("SHA256withRSAandMGF1")
                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(issuerKey);
                        default -> new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
                    };
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }
}
