package dev.shuttle.tls;

import dev.shuttle.internal.tls.CertificateSource;
import dev.shuttle.internal.tls.trust.JdkKeys;
import dev.shuttle.internal.tls.trust.KeyPairCheck;
import dev.shuttle.internal.tls.trust.PemFiles;
import dev.shuttle.internal.tls.trust.Pkcs12Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Arrays;

/**
 * A certificate chain with its private key: what a TLS server presents, or a client for mutual
 * TLS.
 *
 * <p>The factories read and check everything at once, so that bad key material fails where it is
 * configured, with a message naming the file and the fault, rather than at the first handshake:
 * an unreadable file, a file without a certificate or a key, an encrypted key without a passphrase
 * or with a wrong one, and a key that does not belong to the certificate are all
 * {@link IllegalArgumentException}s. The leaf certificate must come first in a chain: one whose
 * key belongs to a later certificate is refused with a message saying so, never reordered.
 * Instances are immutable.
 *
 * {@snippet :
 * TlsCertificate certificate = TlsCertificate.fromPem(Path.of("server.crt"), Path.of("server.key"));
 * }
 */
public final class TlsCertificate {
    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    /** The files it was read from, for {@link #reread()}; {@code null} for one made in memory. */
    private final CertificateSource source;

    private TlsCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
        this(chain, privateKey, null);
    }

    private TlsCertificate(List<X509Certificate> chain, PrivateKey privateKey, CertificateSource source) {
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.source = source;
    }

    /**
     * Reads a certificate chain and an unencrypted private key from PEM files.
     *
     * @param chain the certificate chain, the leaf first (its issuers may follow); a private key
     *     block in it is skipped, so one file may hold both
     * @param key the private key: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 / SEC 1
     *     ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}); may be the same file as {@code chain}
     * @return the certificate
     * @throws IllegalArgumentException naming the file and the fault
     */
    public static TlsCertificate fromPem(Path chain, Path key) {
        return fromPem(chain, key, null);
    }

    /**
     * Reads a certificate chain and a private key from PEM files, decrypting an encrypted key
     * ({@code ENCRYPTED PRIVATE KEY}, PKCS#8 with PBES2 or scrypt, or a traditional OpenSSL
     * encrypted key) with a passphrase.
     *
     * @param chain the certificate chain, the leaf first; a private key block in it is skipped
     * @param key the private key; may be the same file as {@code chain}
     * @param passphrase the key's passphrase, or {@code null} for an unencrypted key; a copy is
     *     kept with the certificate, so that {@link #reread()} can decrypt the key again
     * @return the certificate
     * @throws IllegalArgumentException naming the file and the fault
     */
    public static TlsCertificate fromPem(Path chain, Path key, char[] passphrase) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(key, "key");
        List<X509Certificate> certificates = PemFiles.chain(chain);
        PrivateKey privateKey = PemFiles.privateKey(key, passphrase);
        KeyPairCheck.requireLeafMatch(certificates, privateKey, key.toString(), "in " + chain);
        return new TlsCertificate(certificates, privateKey,
                new CertificateSource(chain, key, passphrase == null ? null : passphrase.clone()));
    }

    /**
     * Reads the first private key entry of a PKCS#12 file ({@code .p12}, {@code .pfx}).
     *
     * @param file the file
     * @param password the password of the file and its key; a copy is kept with the
     *     certificate, so that {@link #reread()} can open the file again
     * @return the certificate
     * @throws IllegalArgumentException naming the file and the fault (such as a wrong password)
     */
    public static TlsCertificate fromPkcs12(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        TlsCertificate read = fromKeyStore(Pkcs12Files.load(file, password), password, file.toString());
        return new TlsCertificate(read.chain, read.privateKey, new CertificateSource(file, null, password.clone()));
    }

    /**
     * Takes the first private key entry of a key store.
     *
     * @param keyStore a loaded key store
     * @param password the password of the key entry; not kept
     * @return the certificate
     * @throws IllegalArgumentException if the store holds no private key entry, or the password
     *     does not open it
     */
    public static TlsCertificate fromKeyStore(KeyStore keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        return fromKeyStore(keyStore, password, "key store");
    }

    private static TlsCertificate fromKeyStore(KeyStore keyStore, char[] password, String name) {
        Pkcs12Files.KeyEntry entry = Pkcs12Files.firstKeyEntry(keyStore, password, name);
        return of(entry.chain(), entry.key());
    }

    /**
     * Takes a certificate chain and its private key already in memory.
     *
     * @param chain the chain, the leaf first; not empty
     * @param privateKey the private key of the leaf
     * @return the certificate
     * @throws IllegalArgumentException if the chain is empty or the key does not belong to it
     */
    public static TlsCertificate of(List<X509Certificate> chain, PrivateKey privateKey) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS certificate chain needs at least one certificate");
        }
        PrivateKey key = JdkKeys.jdkForm(privateKey);
        KeyPairCheck.requireLeafMatch(chain, key, "the private key", "of the chain");
        return new TlsCertificate(chain, key);
    }

    /**
     * Makes a new self-signed certificate (EC P-256, valid for 30 days) for development servers
     * and tests. Clients must be told to trust it, for example with
     * {@link TlsOptions.Builder#trustCertificates(java.util.List)}: never use one in production.
     *
     * {@snippet :
     * TlsCertificate certificate = TlsCertificate.selfSigned("localhost", "127.0.0.1", "::1");
     * }
     *
     * @param names hostnames and IP addresses the certificate is valid for; the first is also its
     *     common name
     * @return the certificate and its private key
     * @throws IllegalArgumentException if no name is given, or one is neither a hostname nor an IP
     *     address
     */
    public static TlsCertificate selfSigned(String... names) {
        return dev.shuttle.internal.tls.trust.SelfSigned.create(names);
    }

    /**
     * {@return the files this certificate was read from (the chain and the key, or the PKCS#12
     * file); empty for one made in memory}
     */
    public List<Path> files() {
        return source == null ? List.of() : source.files();
    }

    /**
     * Reads this certificate again from the files it was read from, as they are now: the renewed
     * certificate after a renewal. A certificate made in memory is returned as it is.
     *
     * @return the certificate the files now hold
     * @throws IllegalArgumentException naming the file and the fault, as the factory that read it
     */
    public TlsCertificate reread() {
        return source == null ? this : source.read();
    }

    /** {@return the certificate chain, the leaf first; unmodifiable} */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** {@return the private key of the leaf certificate} */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** {@return the leaf's subject and expiry; never the key} */
    @Override
    public String toString() {
        X509Certificate leaf = chain.getFirst();
        return "TlsCertificate[" + leaf.getSubjectX500Principal().getName() + ", expires " + leaf.getNotAfter().toInstant()
                + "]";
    }

    /** {@return the settings, in declaration order: what {@link #equals} and {@link #hashCode} compare} */
    private List<Object> values() {
        return Arrays.asList(
                chain,
                privateKey,
                source == null ? null : source.files()); // where it is reread from, not the secret
    }

    /**
     * Two options are equal when every setting is equal. Settings that are code (listeners,
     * resolvers, error handlers) are equal when they are the same object.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TlsCertificate that && values().equals(that.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }
}
