package dev.shuttle.jmh;

import dev.shuttle.jmh.report.Figure;
import dev.shuttle.jmh.report.Item;
import dev.shuttle.jmh.report.Target;
import dev.shuttle.jmh.tls.TlsBulkBenchmark;
import dev.shuttle.jmh.tls.TlsHandshakeBenchmark;
import dev.shuttle.jmh.tls.TlsRatio;
import dev.shuttle.jmh.tls.TlsRecordCipherBenchmark;
import java.util.List;
import java.util.Map;

/**
 * Item 5, TLS over loopback: full handshakes per second (EC P-256 and RSA 2048 certificates) and
 * bulk MiB/s, Shuttle's TLS (BouncyCastle JSSE as Shuttle configures it) against the JDK's SunJSSE,
 * each measured by the same JMH benchmark ({@code jmh/.../tls/}) through a {@code TlsPair} of its
 * own: a client and a server of one implementation, alternating round by round.
 */
final class TlsItem {
    private TlsItem() {}

    static Item run(Mode mode) {
        System.out.println("5. TLS");
        Item item = new Item("5. TLS",
                "Full handshakes per second over loopback: TCP connect, handshake (certificate and IP name verified, "
                        + "no session resumption), one byte there and back, close, from one client thread, against a server "
                        + "handshaking on virtual threads (JMH throughput, `TlsHandshakeBenchmark`). Bulk: 1 MiB written per "
                        + "operation over one connection, the server answering one byte per MiB, so operations/s = MiB/s "
                        + "(`TlsBulkBenchmark`). Shuttle: `Connector.tls(...)` and `Server.listen(\"tls://...\")` "
                        + "(BouncyCastle JSSE, JDK crypto first); SunJSSE: the JDK's `SSLSocket` and `SSLServerSocket`. "
                        + "Certificates: self-signed EC P-256 and RSA 2048. The protocol is what both sides negotiate "
                        + "(TLS 1.3). Each is measured twice: in JMH forks, one per contender per round ("
                        + mode.jmhWarmups() + " warm-up and " + mode.jmhIterations() + " measured 1 s iterations; bulk "
                        + mode.tlsBulkWarmups() + " warm-up iterations, as its rate climbs for about 8 s in a fresh JVM on 2 "
                        + "cores), and in adjacent 1 s slices of the two contenders within the suite's own JVM (`TlsRatio`, "
                        + "after " + Math.round(mode.tlsSliceWarmUp()) + " s of each in alternating quarters), each pair of slices "
                        + "giving one ratio. "
                        + "Source: `jmh/src/main/java/dev/shuttle/jmh/tls/`.");
        if (mode.tlsRounds() == 0) {
            item.note("In this mode the JMH forks are left out (each costs a JVM start and new certificates): only "
                    + "the adjacent slices measure. The full mode runs both.");
        }
        for (String key : List.of("EC", "RSA")) {
            String metric = "handshakes/s, " + (key.equals("EC") ? "EC P-256" : "RSA 2048");
            if (mode.tlsRounds() > 0) {
                handshakeForks(item, mode, key, metric);
            }
            sliced(item, metric + ", adjacent 1 s slices", "1/s", mode, Target.ratioAtLeast(2.0, "at least 2x SunJSSE"),
                    () -> TlsRatio.handshakes("shuttle", "sunjsse", key, mode.tlsSlicePairs(), 1.0, mode.tlsSliceWarmUp()));
        }
        if (mode.tlsRounds() > 0) {
            bulkForks(item, mode);
            recordCipherForks(item, mode);
        }
        // The same operations in adjacent one-second slices within one JVM: on a shared machine whose
        // speed drifts by tens of percent from minute to minute, a pair of adjacent slices compares
        // like with like where forks a minute apart may not.
        for (String direction : List.of("upload", "download")) {
            sliced(item, "bulk " + direction + " MiB/s, adjacent 1 s slices", "MiB/s", mode,
                    Target.ratioAtLeast(1.0, "at least 1x SunJSSE"), () -> direction.equals("upload")
                            ? TlsRatio.upload("shuttle", "sunjsse", "EC", mode.tlsSlicePairs(), 1.0, mode.tlsSliceWarmUp())
                            : TlsRatio.download("shuttle", "sunjsse", "EC", mode.tlsSlicePairs(), 1.0, mode.tlsSliceWarmUp()));
        }
        item.note("Where the time goes (JFR execution samples of `TlsCpuCost`, client and server in one JVM). "
                + "Handshakes, EC: real cryptography is about half (X25519 in BouncyCastle ~15%, ECDSA signing in the JDK "
                + "~9%, ECDSA verification in BouncyCastle ~15%); BouncyCastle's algorithm-constraint checks take ~20% "
                + "(each connection re-checks every signature scheme and named group against `jdk.tls.disabledAlgorithms`, "
                + "splitting algorithm names with regular expressions; SunJSSE ~3%), and there is no hook to cache them "
                + "(shortening the lists through `jdk.tls.client.SignatureSchemes` and `jdk.tls.namedGroups` made no "
                + "measurable difference). RSA: signing is the JDK's own `BigInteger` code on both sides. "
                + "Shuttle already takes each algorithm from the faster provider (`PerAlgorithmCryptoHelper`). Twice "
                + "SunJSSE's rate would need the same cryptography to cost half as much: not reachable from outside "
                + "BouncyCastle. Bulk: both sides spend most of the time in the JDK's AES-GCM. Shuttle seals and opens "
                + "AES-GCM records itself (`AesGcmRecordCipher`) in two buffers kept per connection; BouncyCastle's own "
                + "cipher allocated a fresh record-sized array for every record it sealed and opened records in place in "
                + "fresh arrays, which cost about a quarter of the AES-GCM time on 16 KiB records (bulk was 0.81-0.88x "
                + "SunJSSE in `TlsRatio` before, 0.95-1.08x after). BouncyCastle's `SSLSocket` reads each record in two "
                + "calls, the 5-byte header and then the body, each a system call on the socket; Shuttle's engine loop "
                + "(`EngineIo`) reads as much as the socket holds, up to four records per system call; "
                + "`-Dshuttle.bench.pair=shuttle,bcshuttle` on `TlsRatio` compares it with BouncyCastle JSSE with the "
                + "same crypto over a plain socket. What BouncyCastle's record layer still adds: a fresh array "
                + "per record (`RecordStream$Record.resize`) and one more plaintext copy (its application-data queue). "
                + "`TlsRatio` measures both directions with CPU time per MiB.");
        return item;
    }

    private static void handshakeForks(Item item, Mode mode, String key, String metric) {
        String shuttle = "handshake:implementation=shuttle:keyType=" + key;
        String sun = "handshake:implementation=sunjsse:keyType=" + key;
        Map<String, JmhRounds.Series> result = JmhRounds.run(TlsHandshakeBenchmark.class, List.of(sun, shuttle),
                mode.tlsRounds(), c -> JmhRounds.timed(mode.jmhWarmups(), mode.jmhIterations()),
                r -> new double[] {r.getPrimaryResult().getScore()});
        add(item, metric, "1/s", "shuttle", result.get(shuttle), "SunJSSE", result.get(sun),
                Target.ratioAtLeast(2.0, "at least 2x SunJSSE"));
    }

    private static void bulkForks(Item item, Mode mode) {
        String shuttle = "mebibyte:implementation=shuttle:keyType=EC";
        String sun = "mebibyte:implementation=sunjsse:keyType=EC";
        Map<String, JmhRounds.Series> bulk = JmhRounds.run(TlsBulkBenchmark.class, List.of(sun, shuttle), mode.tlsRounds(),
                c -> JmhRounds.timed(mode.tlsBulkWarmups(), mode.jmhIterations()), r -> new double[] {r.getPrimaryResult().getScore()});
        add(item, "bulk MiB/s", "MiB/s", "shuttle", bulk.get(shuttle), "SunJSSE", bulk.get(sun),
                Target.ratioAtLeast(1.0, "at least 1x SunJSSE"));
    }

    /**
     * Shuttle's AES-GCM record code against BouncyCastle's own, the same Shuttle client and server
     * otherwise: forks with and without {@code -Dshuttle.tls.bouncyCastleRecords=true}.
     */
    private static void recordCipherForks(Item item, Mode mode) {
        for (String direction : List.of("upload", "download")) {
            String shuttle = direction + "ShuttleRecords";
            String bouncyCastle = direction + "BouncyCastleRecords";
            Map<String, JmhRounds.Series> result = JmhRounds.run(TlsRecordCipherBenchmark.class,
                    List.of(bouncyCastle, shuttle), mode.tlsRounds(),
                    c -> JmhRounds.timed(mode.tlsBulkWarmups(), mode.jmhIterations()),
                    r -> new double[] {r.getPrimaryResult().getScore()});
            add(item, "bulk " + direction + " MiB/s, 16 KiB writes, record code", "MiB/s", "shuttle-records",
                    result.get(shuttle), "bouncycastle-records", result.get(bouncyCastle), null);
        }
        item.note("Record code (`TlsRecordCipherBenchmark`): the same Shuttle `tls://` client and server, EC, TLS 1.3 "
                + "`TLS_AES_128_GCM_SHA256`, 1 MiB per operation in 16 KiB writes (one record each); `shuttle-records` "
                + "seals and opens AES-GCM records with Shuttle's `AesGcmRecordCipher`, `bouncycastle-records` with "
                + "BouncyCastle's own `TlsAEADCipher` on the same JDK cipher (the fork runs with "
                + "`-Dshuttle.tls.bouncyCastleRecords=true`; both ends switch). Upload: the client writes; download: "
                + "the server writes.");
    }

    private interface SliceRun {
        TlsRatio.Slices run() throws Exception;
    }

    private static void sliced(Item item, String metric, String unit, Mode mode, Target target, SliceRun run) {
        try {
            System.out.println("  TLS " + metric + ", " + mode.tlsSlicePairs() + " pairs");
            TlsRatio.Slices slices = run.run();
            item.row("shuttle", metric, unit, slices.first(), null);
            item.row("SunJSSE", metric, unit, slices.second(), null);
            item.figure(Figure.of("5. TLS", metric, unit, "shuttle", slices.first(), "SunJSSE", slices.second(), target));
        } catch (Exception e) {
            item.figure(Figure.failed("5. TLS", metric, "shuttle", "SunJSSE", target, e.toString()));
        }
    }

    private static void add(Item item, String metric, String unit, String contender, JmhRounds.Series mine, String peer,
            JmhRounds.Series theirs, Target target) {
        item.row(contender, metric, unit, mine.values(), mine.failure());
        item.row(peer, metric, unit, theirs.values(), theirs.failure());
        String failure = mine.failure() != null ? contender + ": " + mine.failure()
                : theirs.failure() != null ? peer + ": " + theirs.failure() : null;
        int n = Math.min(mine.values().size(), theirs.values().size());
        item.figure(failure != null || n == 0 ? Figure.failed("5. TLS", metric, contender, peer, target, failure == null ? "no rounds" : failure)
                : Figure.of("5. TLS", metric, unit, contender, mine.values().subList(0, n), peer, theirs.values().subList(0, n), target));
    }
}
