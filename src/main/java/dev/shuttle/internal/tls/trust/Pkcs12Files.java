package dev.shuttle.internal.tls.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads PKCS#12 files and key entries of key stores, with errors naming the file and the fault. */
public final class Pkcs12Files {
    private Pkcs12Files() {}

    /** A private key and its certificate chain, the leaf first. */
    public record KeyEntry(PrivateKey key, List<X509Certificate> chain) {}

    /**
     * Loads a PKCS#12 file with the JDK's own PKCS#12 implementation, read whole first (at most
     * {@link PemFiles#MAX_FILE_SIZE} bytes), so that no length inside it sizes a read.
     *
     * @param file the file
     * @param password its password
     * @return the loaded store
     * @throws IllegalArgumentException naming the file and the fault, such as a file over the limit
     */
    public static KeyStore load(Path file, char[] password) {
        try {
            byte[] bytes = PemFiles.readBounded(file, "PKCS#12 file");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw PemFiles.fault(file, "PKCS#12 file", "cannot be opened: wrong password", e);
            }
            throw PemFiles.fault(file, "PKCS#12 file", "cannot be read: " + PemFiles.reason(e), e);
        } catch (GeneralSecurityException e) {
            throw PemFiles.fault(file, "PKCS#12 file", "cannot be read: " + PemFiles.reason(e), e);
        }
    }

    /**
     * Finds the first private key entry of a store.
     *
     * @param store the store
     * @param password the entry's password
     * @param name the store's name, for messages
     * @return the entry
     * @throws IllegalArgumentException if there is none, or it cannot be opened
     */
    public static KeyEntry firstKeyEntry(KeyStore store, char[] password, String name) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                Certificate[] certificates = store.getCertificateChain(alias);
                if (certificates == null || certificates.length == 0) {
                    throw new IllegalArgumentException("TLS " + name + ": private key '" + alias + "' has no certificate chain");
                }
                for (Certificate certificate : certificates) {
                    chain.add((X509Certificate) certificate);
                }
                return new KeyEntry(key, chain);
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("TLS " + name + ": the private key cannot be opened: wrong password", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS " + name + ": cannot be read: " + PemFiles.reason(e), e);
        }
        throw new IllegalArgumentException("TLS " + name + " holds no private key entry");
    }
}
