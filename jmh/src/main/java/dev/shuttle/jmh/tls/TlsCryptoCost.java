package dev.shuttle.jmh.tls;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The public-key operations of a TLS 1.3 handshake, each by the JDK's providers and by a
 * BouncyCastle provider instance, timed in alternating rounds (microseconds per operation, median
 * and range). One handshake costs: two key shares and two agreements (client and server), one
 * signature (server), one verification (client), plus one more of each with client certificates.
 *
 * <pre>java -cp jmh/target/benchmarks.jar dev.shuttle.jmh.tls.TlsCryptoCost [rounds [millis-per-slice]]</pre>
 */
public final class TlsCryptoCost {
    private static final Provider BC = new BouncyCastleProvider();

    private TlsCryptoCost() {}

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 300;
        Map<String, Op> ops = new LinkedHashMap<>();
        byte[] data = new byte[130];
        for (Provider provider : new Provider[] {null, BC}) {
            String who = provider == null ? "JDK" : "BC ";
            KeyPair x = generate("X25519", null, provider);
            ops.put("x25519 key pair        " + who, () -> generate("X25519", null, provider));
            ops.put("x25519 agreement       " + who, () -> agree("X25519", x, x, provider));
            KeyPair p = generate("EC", new ECGenParameterSpec("secp256r1"), provider);
            ops.put("P-256 key pair         " + who, () -> generate("EC", new ECGenParameterSpec("secp256r1"), provider));
            ops.put("P-256 ECDH agreement   " + who, () -> agree("ECDH", p, p, provider));
            KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"), null);
            byte[] ecSignature = sign("SHA256withECDSA", null, ec, data, provider);
            var ecPublic = provider == null ? ec.getPublic()
                    : KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(ec.getPublic().getEncoded()));
            ops.put("ECDSA P-256 sign       " + who, () -> sign("SHA256withECDSA", null, ec, data, provider));
            ops.put("ECDSA P-256 verify     " + who, () -> verify("SHA256withECDSA", null, ecPublic, data, ecSignature, provider));
            ops.put("ECDSA P-256 verify+key " + who, () -> verify("SHA256withECDSA", null, provider == null ? ec.getPublic()
                    : KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(ec.getPublic().getEncoded())),
                    data, ecSignature, provider));
            KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
            rsaGenerator.initialize(2048);
            KeyPair rsa = rsaGenerator.generateKeyPair();
            PSSParameterSpec pss = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
            byte[] rsaSignature = sign("RSASSA-PSS", pss, rsa, data, provider);
            ops.put("RSA-2048 PSS sign      " + who, () -> sign("RSASSA-PSS", pss, rsa, data, provider));
            ops.put("RSA-2048 PSS verify    " + who, () -> verify("RSASSA-PSS", pss, rsa.getPublic(), data, rsaSignature, provider));
        }
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        for (String name : ops.keySet()) {
            micros.put(name, new ArrayList<>());
            time(ops.get(name), millis); // warm-up
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Op> op : ops.entrySet()) {
                micros.get(op.getKey()).add(time(op.getValue(), millis));
            }
        }
        for (Map.Entry<String, List<Double>> entry : micros.entrySet()) {
            List<Double> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%s  %8.1f us  [%8.1f..%8.1f]%n", entry.getKey(), sorted.get(sorted.size() / 2),
                    sorted.getFirst(), sorted.getLast());
        }
    }

    private static double time(Op op, long millis) throws Exception {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long n = 0;
        long now;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e3 / n;
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec, Provider provider) throws Exception {
        KeyPairGenerator generator = provider == null ? KeyPairGenerator.getInstance(algorithm)
                : KeyPairGenerator.getInstance(algorithm, provider);
        if (spec != null) {
            generator.initialize(spec);
        }
        return generator.generateKeyPair();
    }

    private static byte[] agree(String algorithm, KeyPair mine, KeyPair theirs, Provider provider) throws Exception {
        KeyAgreement agreement = provider == null ? KeyAgreement.getInstance(algorithm) : KeyAgreement.getInstance(algorithm, provider);
        agreement.init(mine.getPrivate());
        agreement.doPhase(theirs.getPublic(), true);
        return agreement.generateSecret();
    }

    private static Signature signature(String algorithm, PSSParameterSpec pss, Provider provider) throws Exception {
        Signature signature = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        if (pss != null) {
            signature.setParameter(pss);
        }
        return signature;
    }

    private static byte[] sign(String algorithm, PSSParameterSpec pss, KeyPair keys, byte[] data, Provider provider)
            throws Exception {
        Signature signature = signature(algorithm, null, provider);
        signature.initSign(keys.getPrivate());
        if (pss != null) {
            signature.setParameter(pss);
        }
        signature.update(data);
        return signature.sign();
    }

    private static boolean verify(String algorithm, PSSParameterSpec pss, java.security.PublicKey key, byte[] data,
            byte[] bytes, Provider provider) throws Exception {
        Signature signature = signature(algorithm, null, provider);
        signature.initVerify(key);
        if (pss != null) {
            signature.setParameter(pss);
        }
        signature.update(data);
        if (!signature.verify(bytes)) {
            throw new IllegalStateException(algorithm + " did not verify");
        }
        return true;
    }
}
