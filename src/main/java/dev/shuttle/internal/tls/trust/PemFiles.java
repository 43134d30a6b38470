package dev.shuttle.internal.tls.trust;

import dev.shuttle.internal.tls.crypto.BouncyCastle;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * Reads certificates and private keys from PEM files: certificate chains, and keys in PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, with a passphrase),
 * PKCS#1 / SEC 1 ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}) and traditional encrypted
 * OpenSSL keys. Every fault is an {@link IllegalArgumentException} naming the file and what is
 * wrong with it.
 *
 * <p>A file is read whole, up to {@link #MAX_FILE_SIZE}, before it is parsed, so BouncyCastle's
 * parsers only ever see arrays: each ASN.1 structure is limited by the bytes of its decoded block,
 * whatever lengths it announces.
 */
public final class PemFiles {
    private static final int BYTE_ORDER_MARK = 0xFEFF;

    /**
     * The largest PEM or PKCS#12 file read: 8 MiB, about 35 times Mozilla's whole CA bundle. A
     * larger file, or an endless one (a device, a pipe), is refused after that many bytes, before
     * any parsing, instead of being read until memory runs out.
     */
    public static final int MAX_FILE_SIZE = 8 * 1024 * 1024;

    private PemFiles() {}

    /**
     * Reads every certificate of a PEM file, in file order (for a chain: the leaf first).
     *
     * @param file the file
     * @param what what the file is for, named in errors (such as {@code "trusted CA file"})
     * @return at least one certificate
     * @throws IllegalArgumentException if the file cannot be read, holds something other than
     *     certificates, or holds none
     */
    public static List<X509Certificate> certificates(Path file, String what) {
        return certificates(file, what, false);
    }

    /**
     * Reads the certificate chain of a PEM file, in file order (the leaf first), skipping the
     * private key of a file that holds both (as {@code cat server.crt server.key} makes, or
     * {@code openssl ecparam -genkey} with its {@code EC PARAMETERS}).
     *
     * @param file the file
     * @return at least one certificate
     * @throws IllegalArgumentException naming the file, if it cannot be read, holds something
     *     other than certificates and keys, or holds no certificate
     */
    public static List<X509Certificate> chain(Path file) {
        return certificates(file, "certificate chain", true);
    }

    private static List<X509Certificate> certificates(Path file, String what, boolean skipKeys) {
        List<X509Certificate> certificates = new ArrayList<>();
        boolean sawKey = false;
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(open(file, what))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                } else if (skipKeys && isKeyMaterial(object)) {
                    sawKey = true;
                } else {
                    throw fault(file, what, "expected only certificates but found " + describe(object));
                }
            }
        } catch (IOException | CertificateException | DecoderException e) {
            throw fault(file, what, "cannot be read as PEM: " + reason(e), e);
        }
        if (certificates.isEmpty()) {
            throw fault(file, what, (sawKey ? "holds a private key but no PEM certificate" : "holds no PEM certificate")
                    + " (no -----BEGIN CERTIFICATE----- block)");
        }
        return certificates;
    }

    /**
     * Reads the private key of a PEM file.
     *
     * @param file the file
     * @param passphrase the passphrase of an encrypted key, or {@code null}
     * @return the key
     * @throws IllegalArgumentException if the file cannot be read, holds no key, holds an
     *     encrypted key and no passphrase was given, or the passphrase is wrong
     */
    public static PrivateKey privateKey(Path file, char[] passphrase) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.crypto());
        try (PEMParser parser = new PEMParser(open(file, "private key"))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                PrivateKeyInfo info = switch (object) {
                    case PrivateKeyInfo plain -> plain;
                    case PEMKeyPair pair -> pair.getPrivateKeyInfo();
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> decrypt(file, encrypted, passphrase);
                    case PEMEncryptedKeyPair encrypted -> decrypt(file, encrypted, passphrase);
                    default -> null;
                };
                if (info != null) {
                    return JdkKeys.jdkForm(converter.getPrivateKey(info));
                }
            }
        } catch (IOException | DecoderException e) {
            throw fault(file, "private key", "cannot be read as PEM: " + reason(e), e);
        }
        throw fault(file, "private key", "holds no private key (expected a -----BEGIN PRIVATE KEY-----, "
                + "ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block)");
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase) {
        requirePassphrase(file, passphrase);
        try {
            InputDecryptorProvider decryptor = new JcePKCSPBEInputDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.crypto())
                    .build(passphrase);
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (PKCSException e) {
            throw fault(file, "private key", "cannot be decrypted: wrong passphrase? (" + reason(e) + ")", e);
        }
    }

    private static PrivateKeyInfo decrypt(Path file, PEMEncryptedKeyPair encrypted, char[] passphrase) {
        requirePassphrase(file, passphrase);
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                            .setProvider(BouncyCastle.crypto())
                            .build(passphrase))
                    .getPrivateKeyInfo();
        } catch (IOException e) {
            throw fault(file, "private key", "cannot be decrypted: wrong passphrase? (" + reason(e) + ")", e);
        }
    }

    private static void requirePassphrase(Path file, char[] passphrase) {
        if (passphrase == null) {
            throw fault(file, "private key", "is encrypted and no passphrase was given");
        }
    }

    /**
     * Opens a PEM file for {@link PEMParser}, which looks only at the lines of its blocks: the
     * bytes are read as UTF-8 with malformed bytes replaced, so that comments in any encoding
     * (curl's and certifi's {@code cacert.pem} name CAs in UTF-8) do not matter, and a leading
     * byte order mark is dropped (else the first block's BEGIN line would not start the line, and
     * the block would be skipped). A bad character inside a block still fails, in its base64.
     */
    private static Reader open(Path file, String what) throws IOException {
        byte[] bytes = readBounded(file, what);
        BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK) {
            reader.reset();
        }
        return reader;
    }

    /**
     * Reads a whole file of at most {@link #MAX_FILE_SIZE} bytes. The size is counted as the bytes
     * come, not taken from the file system, which says 0 for a pipe or a device.
     *
     * @param file the file
     * @param what what it is, for the message
     * @return its bytes
     * @throws IOException if reading fails
     * @throws IllegalArgumentException naming the file and the limit, if it holds more
     */
    public static byte[] readBounded(Path file, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_SIZE + 1);
            if (bytes.length > MAX_FILE_SIZE) {
                throw fault(file, what, "is larger than " + MAX_FILE_SIZE + " bytes (8 MiB), the most Shuttle reads of a "
                        + "certificate, key or key store file");
            }
            return bytes;
        }
    }

    private static boolean isKeyMaterial(Object object) {
        return object instanceof PrivateKeyInfo || object instanceof PEMKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo
                || object instanceof PEMEncryptedKeyPair || object instanceof ASN1ObjectIdentifier;
    }

    private static String describe(Object object) {
        return switch (object) {
            case PrivateKeyInfo ignored -> "a private key";
            case PEMKeyPair ignored -> "a private key";
            case PKCS8EncryptedPrivateKeyInfo ignored -> "an encrypted private key";
            case PEMEncryptedKeyPair ignored -> "an encrypted private key";
            default -> "a " + object.getClass().getSimpleName();
        };
    }

    public static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof PEMException && e.getCause() != null) {
            return reason(e.getCause());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    public static IllegalArgumentException fault(Path file, String what, String fault) {
        return new IllegalArgumentException("TLS " + what + " " + file + " " + fault);
    }

    public static IllegalArgumentException fault(Path file, String what, String fault, Throwable cause) {
        return new IllegalArgumentException("TLS " + what + " " + file + " " + fault, cause);
    }
}
