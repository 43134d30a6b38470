package dev.shuttle.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the loading of TLS key material: {@link TlsCertificate#fromPem(Path, Path, char[])},
 * {@link TlsCertificate#fromPkcs12(Path, char[])} and {@link TlsOptions.Builder#trustPem(Path)},
 * with mutants of real files (EC and RSA chains, PKCS#1, SEC 1, PKCS#8 and encrypted PKCS#8 keys,
 * a PKCS#12 file) made at test time.
 *
 * <p>Invariant: loading either succeeds or throws the one documented type,
 * {@link IllegalArgumentException}, whose message names the file; never another runtime exception
 * from BouncyCastle or the JDK, and never a hang (each load must finish within 10 seconds).
 */
class TlsMaterialFuzzTest {
    private static final char[] PASSWORD = "fuzz".toCharArray();
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(10);

    private static Path dir;
    private static List<byte[]> pemSeeds;
    private static List<byte[]> pkcs12Seeds;

    @BeforeContainer
    static void makeSeeds() throws Exception {
        dir = Files.createTempDirectory("shuttle-fuzz-tls");
        pemSeeds = new ArrayList<>();
        pkcs12Seeds = new ArrayList<>();
        for (TestCertificates pki : List.of(TestCertificates.ec(), TestCertificates.rsa())) {
            TlsCertificate server = pki.server();
            KeyPair pair = new KeyPair(server.chain().getFirst().getPublicKey(), server.privateKey());
            pemSeeds.add(read(TestCertificates.writePem(dir.resolve("chain.pem"), server.chain())));
            pemSeeds.add(read(TestCertificates.writePem(dir.resolve("traditional.key"), pair)));
            pemSeeds.add(read(TestCertificates.writePkcs8Key(dir.resolve("pkcs8.key"), server.privateKey())));
            pemSeeds.add(read(TestCertificates.writeEncryptedKey(dir.resolve("encrypted.key"), server.privateKey(), PASSWORD)));
            pemSeeds.add(read(TestCertificates.writePem(dir.resolve("both.pem"), server.chain(), pair)));
            pkcs12Seeds.add(read(TestCertificates.writePkcs12(dir.resolve("server.p12"), server, PASSWORD)));
        }
    }

    @AfterContainer
    static void deleteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> pem() {
        return Mutations.of(pemSeeds);
    }

    @Provide
    Arbitrary<byte[]> pkcs12() {
        return Mutations.of(pkcs12Seeds);
    }

    /** A mutated chain or key file, the other file intact: a certificate, or an IllegalArgumentException naming the file. */
    @FuzzTarget
    void pemFilesLoadOrSayWhichFileIsBad(@ForAll("pem") byte[] chain, @ForAll("pem") byte[] key, @ForAll boolean passphrase)
            throws IOException {
        Path chainFile = Files.write(dir.resolve("fuzzed-chain.pem"), chain);
        Path keyFile = Files.write(dir.resolve("fuzzed-key.pem"), key);
        load("fromPem", chain, key, () -> TlsCertificate.fromPem(chainFile, keyFile, passphrase ? PASSWORD : null),
                chainFile, keyFile);
    }

    /** A mutated CA file: trusted certificates, or an IllegalArgumentException naming the file. */
    @FuzzTarget
    void trustPemLoadsOrSaysTheFileIsBad(@ForAll("pem") byte[] ca) throws IOException {
        Path caFile = Files.write(dir.resolve("fuzzed-ca.pem"), ca);
        load("trustPem", ca, null, () -> TlsOptions.builder().trustPem(caFile), caFile);
    }

    /** A mutated PKCS#12 file: a certificate, or an IllegalArgumentException naming the file. */
    @FuzzTarget
    void pkcs12LoadsOrSaysTheFileIsBad(@ForAll("pkcs12") byte[] p12) throws IOException {
        Path file = Files.write(dir.resolve("fuzzed.p12"), p12);
        load("fromPkcs12", p12, null, () -> TlsCertificate.fromPkcs12(file, PASSWORD), file);
    }

    /** The seeds themselves load: the mutants start from working files. */
    @Example
    void theSeedsLoad() throws IOException {
        Path chain = Files.write(dir.resolve("seed-chain.pem"), pemSeeds.get(0));
        Path key = Files.write(dir.resolve("seed-key.pem"), pemSeeds.get(3));
        TlsCertificate.fromPem(chain, key, PASSWORD);
        TlsOptions.builder().trustPem(chain);
        TlsCertificate.fromPkcs12(Files.write(dir.resolve("seed.p12"), pkcs12Seeds.get(1)), PASSWORD);
    }

    private static void load(String what, byte[] first, byte[] second, Runnable load, Path... files) {
        try {
            assertTimeoutPreemptively(LOAD_LIMIT, load::run, () -> what + " took over " + LOAD_LIMIT + " on " + describe(first, second));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (Path file : files) {
                if (message.contains(file.toString())) {
                    return;
                }
            }
            throw new AssertionError(what + " threw an IllegalArgumentException naming none of its files (" + message + ") on "
                    + describe(first, second), e);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e + " on " + describe(first, second), e);
        }
    }

    private static String describe(byte[] first, byte[] second) {
        return HexFormat.of().formatHex(first) + (second == null ? "" : " and " + HexFormat.of().formatHex(second));
    }
}
