package dev.shuttle.internal.tls;

import static dev.shuttle.internal.tls.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertificateTest {
    private static final char[] PASSPHRASE = "correct horse".toCharArray();

    @TempDir
    Path dir;

    @Test
    void readsPkcs8AndPkcs1AndEncryptedPkcs8KeysAndPkcs12() throws Exception {
        TlsCertificate rsa = TestCertificates.rsa().server();
        Path chain = TestCertificates.writePem(dir.resolve("chain.pem"), rsa.chain());
        Path pkcs1 = TestCertificates.writePem(dir.resolve("pkcs1.key"), new KeyPair(rsa.chain().getFirst().getPublicKey(), rsa.privateKey()));
        Path pkcs8 = TestCertificates.writePkcs8Key(dir.resolve("pkcs8.key"), rsa.privateKey());
        Path encrypted = TestCertificates.writeEncryptedKey(dir.resolve("encrypted.key"), rsa.privateKey(), PASSPHRASE);
        Path p12 = TestCertificates.writePkcs12(dir.resolve("server.p12"), rsa, PASSPHRASE);
        assertContains(new IllegalStateException(Files.readString(pkcs1)), "BEGIN RSA PRIVATE KEY");
        for (TlsCertificate read : new TlsCertificate[] {
                TlsCertificate.fromPem(chain, pkcs1), TlsCertificate.fromPem(chain, pkcs8),
                TlsCertificate.fromPem(chain, encrypted, PASSPHRASE), TlsCertificate.fromPkcs12(p12, PASSPHRASE)}) {
            assertEquals(rsa.chain(), read.chain());
        }
    }

    @Test
    void anEcKeyReadFromPemOrInBouncyCastlesFormServesTlsHandshakes() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TlsCertificate ec = pki.server();
        Path chain = TestCertificates.writePem(dir.resolve("chain.pem"), ec.chain());
        Path pkcs8 = TestCertificates.writePkcs8Key(dir.resolve("pkcs8.key"), ec.privateKey());
        Path encrypted = TestCertificates.writeEncryptedKey(dir.resolve("encrypted.key"), ec.privateKey(), PASSPHRASE);
        dev.shuttle.tls.TlsOptions trusting = dev.shuttle.tls.TlsOptions.builder().trustStore(pki.caStore()).build();
        // And a key in BouncyCastle's "ECDSA" form, as BouncyCastle-based code holds it.
        java.security.PrivateKey bcKey = java.security.KeyFactory.getInstance("ECDSA", new org.bouncycastle.jce.provider.BouncyCastleProvider())
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(ec.privateKey().getEncoded()));
        assertEquals("ECDSA", bcKey.getAlgorithm());
        for (TlsCertificate read : new TlsCertificate[] {TlsCertificate.fromPem(chain, pkcs8),
                TlsCertificate.fromPem(chain, encrypted, PASSPHRASE), TlsCertificate.of(ec.chain(), bcKey)}) {
            assertEquals(ec.chain(), read.chain());
            try (EchoServer server = EchoServer.tls(dev.shuttle.tls.TlsServerOptions.builder().certificate(read).build());
                    dev.shuttle.Connection connection = dev.shuttle.Connector.tls(trusting).connect(server.uri())) {
                assertEquals("hello", TlsClientTest.echo(connection, "hello"));
            }
        }
    }

    @Test
    void fromPemReadsTheChainAndTheKeyFromOneCombinedFile() throws Exception {
        TlsCertificate rsa = TestCertificates.rsa().server(); // RSA: the KeyPair is written as PKCS#1, which holds the whole key
        KeyPair pair = new KeyPair(rsa.chain().getFirst().getPublicKey(), rsa.privateKey());
        Path keyLast = TestCertificates.writePem(dir.resolve("key-last.pem"), rsa.chain(), pair);
        Path keyFirst = TestCertificates.writePem(dir.resolve("key-first.pem"), pair, rsa.chain());
        Path pkcs8 = TestCertificates.writePkcs8Key(dir.resolve("pkcs8.key"), rsa.privateKey());
        Path pkcs8Combined = dir.resolve("pkcs8-combined.pem");
        Files.writeString(pkcs8Combined, Files.readString(TestCertificates.writePem(dir.resolve("chain.pem"), rsa.chain()))
                + Files.readString(pkcs8));
        for (Path combined : new Path[] {keyLast, keyFirst, pkcs8Combined}) {
            TlsCertificate read = TlsCertificate.fromPem(combined, combined);
            assertEquals(rsa.chain(), read.chain(), combined.toString());
            assertArrayEquals(rsa.privateKey().getEncoded(), read.privateKey().getEncoded(), combined.toString());
        }
    }

    @Test
    void badKeyMaterialFailsNamingTheFileAndTheFault() throws Exception {
        TlsCertificate ec = TestCertificates.ec().server();
        Path chain = TestCertificates.writePem(dir.resolve("chain.pem"), ec.chain());
        Path encrypted = TestCertificates.writeEncryptedKey(dir.resolve("encrypted.key"), ec.privateKey(), PASSPHRASE);
        Path otherKey = TestCertificates.writePkcs8Key(dir.resolve("other.key"), TestCertificates.ec().client().privateKey());
        Path p12 = TestCertificates.writePkcs12(dir.resolve("server.p12"), ec, PASSPHRASE);
        Path missing = dir.resolve("missing.pem");

        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(chain, encrypted)),
                encrypted.toString(), "is encrypted and no passphrase was given");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(chain, encrypted, "wrong".toCharArray())),
                encrypted.toString(), "wrong passphrase");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(chain, otherKey)),
                otherKey.toString(), "does not belong to the certificate in " + chain);
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(missing, otherKey)),
                missing.toString(), "no such file");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(otherKey, otherKey)),
                "certificate chain " + otherKey, "holds a private key but no PEM certificate");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(chain, chain)),
                chain.toString(), "holds no private key");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPkcs12(p12, "nope".toCharArray())),
                p12.toString(), "wrong password");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().trustPem(otherKey)),
                "trusted CA file", otherKey.toString());
    }

    @Test
    void aChainWithTheCaBeforeTheLeafIsRefusedSayingTheLeafMustComeFirst() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        TlsCertificate server = pki.server();
        java.security.cert.X509Certificate leaf = server.chain().getFirst();
        Path caFirst = TestCertificates.writePem(dir.resolve("ca-first.pem"), pki.ca(), leaf);
        Path key = TestCertificates.writePkcs8Key(dir.resolve("server.key"), server.privateKey());
        Path otherKey = TestCertificates.writePkcs8Key(dir.resolve("other.key"), pki.client().privateKey());

        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(caFirst, key)),
                key + " does not belong to the first certificate in " + caFirst, "but to certificate 2 of 2",
                "subject " + leaf.getSubjectX500Principal().getName(), "out of order", "must come first");
        assertContains(assertThrows(IllegalArgumentException.class,
                        () -> TlsCertificate.of(java.util.List.of(pki.ca(), leaf), server.privateKey())),
                "the private key does not belong to the first certificate of the chain", "but to certificate 2 of 2",
                "must come first");
        // A key that belongs to no certificate of the file keeps the plain message.
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(caFirst, otherKey));
        assertContains(none, otherKey + " does not belong to the certificate in " + caFirst);
        assertEquals(false, none.getMessage().contains("out of order"), none.getMessage());
    }

    @Test
    void anRsaPssKeyIsCheckedAgainstItsCertificate() throws Exception {
        KeyPair keys = TestCertificates.rsaPssKeyPair();
        KeyPair otherKeys = TestCertificates.rsaPssKeyPair();
        java.security.cert.X509Certificate certificate = TestCertificates.rsaPssSelfSigned(keys, "localhost");
        assertEquals("RSASSA-PSS", certificate.getPublicKey().getAlgorithm());
        Path chain = TestCertificates.writePem(dir.resolve("pss.pem"), certificate);
        Path key = TestCertificates.writePkcs8Key(dir.resolve("pss.key"), keys.getPrivate());
        Path otherKey = TestCertificates.writePkcs8Key(dir.resolve("other-pss.key"), otherKeys.getPrivate());

        assertEquals(certificate, TlsCertificate.of(java.util.List.of(certificate), keys.getPrivate()).chain().getFirst());
        assertEquals("RSASSA-PSS", TlsCertificate.fromPem(chain, key).privateKey().getAlgorithm());
        assertContains(assertThrows(IllegalArgumentException.class,
                        () -> TlsCertificate.of(java.util.List.of(certificate), otherKeys.getPrivate())),
                "the private key does not belong to the certificate", "key algorithm RSASSA-PSS");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(chain, otherKey)),
                otherKey + " does not belong to the certificate in " + chain);

        // A key restricted to other parameters (SHA-384) is checked with them.
        KeyPair sha384 = TestCertificates.rsaPssKeyPair(new java.security.spec.PSSParameterSpec("SHA-384", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA384, 48, 1));
        java.security.cert.X509Certificate sha384Certificate = TestCertificates.rsaPssSelfSigned(sha384, "localhost");
        assertEquals(sha384Certificate, TlsCertificate.of(java.util.List.of(sha384Certificate), sha384.getPrivate()).chain().getFirst());
        assertThrows(IllegalArgumentException.class, () -> TlsCertificate.of(java.util.List.of(sha384Certificate), keys.getPrivate()));
    }

    @Test
    void tls11AndTls10AreRefusedSayingShuttleSupportsTls12And13() {
        for (String obsolete : new String[] {"TLSv1.1", "TLSv1"}) {
            assertContains(assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().protocols("TLSv1.2", obsolete)),
                    "protocols: " + obsolete + " is not supported", "Shuttle supports TLSv1.2 and TLSv1.3 only");
            assertContains(assertThrows(IllegalArgumentException.class, () -> dev.shuttle.tls.TlsServerOptions.builder().protocols(obsolete)),
                    "protocols: " + obsolete + " is not supported", "Shuttle supports TLSv1.2 and TLSv1.3 only");
        }
    }

    @Test
    void optionsRejectBadValuesNamingTheOption() {
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().protocols("SSLv3")), "protocols", "SSLv3");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().handshakeTimeout(java.time.Duration.ZERO)),
                "handshakeTimeout");
        assertContains(assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().applicationProtocols("")),
                "applicationProtocols");
        assertContains(assertThrows(IllegalArgumentException.class, () -> dev.shuttle.tls.TlsServerOptions.builder().build()), "certificate");
        assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), TlsOptions.defaults().protocols());
    }

}
