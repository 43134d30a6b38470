package dev.shuttle.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Byte-level mutations of seed files, as a mutational fuzzer makes them: bytes flipped, set to
 * boundary values, inserted, deleted, duplicated, the file cut short; and for PEM text, the same
 * done to the DER inside a block, re-armoured, so that the mutations reach the ASN.1 parsers
 * rather than stopping at base64. The mutation is drawn from a seed number, so jqwik shrinks it by
 * shrinking the number of steps.
 */
final class Mutations {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("(-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n)((?:[^-][^\\n]*\\n)*?)(-----END \\2-----)");
    private static final byte[] INTERESTING = {0, (byte) 0xff, (byte) 0x80, 0x7f, 1, 2, 0x30, (byte) 0xa0, (byte) 0x81,
            (byte) 0x82, (byte) 0x84, '-', '\n', '\r', '=', 'A', '/', '+', ' ', (byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private Mutations() {}

    /** {@return mutants of the seeds: a seed, then 0 to 8 steps drawn from a random seed} */
    static Arbitrary<byte[]> of(List<byte[]> seeds) {
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 8), Arbitraries.longs(),
                Arbitraries.of(true, false)).as((seed, steps, random, inDer) -> mutate(seed, steps, random, inDer));
    }

    static byte[] mutate(byte[] seed, int steps, long randomSeed, boolean inDer) {
        SplittableRandom random = new SplittableRandom(randomSeed);
        if (inDer) {
            String text = new String(seed, StandardCharsets.ISO_8859_1);
            Matcher block = PEM_BLOCK.matcher(text);
            java.util.List<int[]> bodies = new java.util.ArrayList<>();
            while (block.find()) {
                bodies.add(new int[] {block.start(3), block.end(3)});
            }
            if (!bodies.isEmpty()) {
                int[] body = bodies.get(random.nextInt(bodies.size()));
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(text.substring(body[0], body[1]));
                } catch (IllegalArgumentException e) {
                    return bytes(seed, steps, random);
                }
                String armoured = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(bytes(der, steps, random)) + "\n";
                return (text.substring(0, body[0]) + armoured + text.substring(body[1])).getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return bytes(seed, steps, random);
    }

    private static byte[] bytes(byte[] seed, int steps, SplittableRandom random) {
        byte[] data = seed.clone();
        for (int i = 0; i < steps; i++) {
            data = step(data, random);
        }
        return data;
    }

    private static byte[] step(byte[] data, SplittableRandom random) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        switch (random.nextInt(7)) {
            case 0 -> { // flip a bit
                if (data.length > 0) {
                    data[at] ^= (byte) (1 << random.nextInt(8));
                }
                return data;
            }
            case 1 -> { // a boundary value
                if (data.length > 0) {
                    data[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
                return data;
            }
            case 2 -> { // insert random bytes
                out.write(data, 0, at);
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    out.write(random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : random.nextInt(256));
                }
                out.write(data, at, data.length - at);
            }
            case 3 -> { // delete a run
                int n = Math.min(data.length - at, 1 + random.nextInt(16));
                out.write(data, 0, at);
                out.write(data, at + n, data.length - at - n);
            }
            case 4 -> { // duplicate a run
                int n = Math.min(data.length - at, 1 + random.nextInt(64));
                out.write(data, 0, at + n);
                out.write(data, at, data.length - at);
            }
            case 5 -> { // cut short
                out.write(data, 0, at);
            }
            default -> { // set a 32-bit run to a boundary number (lengths, counts, iteration counts)
                if (data.length >= 4) {
                    int where = random.nextInt(data.length - 3);
                    int value = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> -1;
                        case 2 -> Integer.MAX_VALUE;
                        default -> random.nextInt();
                    };
                    for (int k = 0; k < 4; k++) {
                        data[where + k] = (byte) (value >>> (24 - 8 * k));
                    }
                }
                return data;
            }
        }
        return out.toByteArray();
    }
}
