package dev.shuttle.jmh;

/**
 * How long the suite runs: {@code quick} (under 5 minutes on 2 cores) or {@code full} (under 30).
 *
 * @param name quick or full
 * @param rounds rounds of the alternated contenders, for every item but happy eyeballs' slow peers
 * @param jmhWarmups JMH warm-up iterations per fork (1 s each)
 * @param jmhIterations JMH measurement iterations per fork (1 s each)
 * @param eyeballsShots measured connects per round of happy eyeballs (Shuttle)
 * @param slowPeerRounds rounds of the peers that wait out their 10-second timeout
 * @param echoConnections concurrent echo clients
 * @param echoRoundTrips timed round trips per client
 * @param idleConnections idle connections held by each server
 * @param idleRounds rounds of the idle-connection measurement
 * @param profile whether to record a JFR profile of Shuttle's echo server
 * @param tlsRounds rounds of the TLS handshake and bulk JMH benchmarks, 0 to leave them out
 * @param tlsBulkWarmups JMH warm-up iterations per fork of TLS bulk (1 s each): its JIT takes longer
 * @param tlsSlicePairs pairs of one-second slices of TLS handshakes and bulk alternated within one JVM
 * @param tlsSliceWarmUp seconds of each contender before the first slice (the JIT needs about 8)
 */
record Mode(String name, int rounds, int jmhWarmups, int jmhIterations, int eyeballsShots, int slowPeerRounds,
        int echoConnections, int echoRoundTrips, int idleConnections, int idleRounds, boolean profile, int tlsRounds,
        int tlsBulkWarmups, int tlsSlicePairs, double tlsSliceWarmUp) {

    static Mode of(String name) {
        return switch (name) {
            case "quick" -> new Mode("quick", 2, 1, 1, 3, 1, 1000, 200, 8000, 2, false, 0, 4, 4, 2);
            case "full" -> new Mode("full", 5, 2, 5, 5, 3, 1000, 1000, 8000, 3, true, 3, 8, 16, 8);
            default -> throw new IllegalArgumentException("-Dbench=" + name + ": expected quick, full or jmh");
        };
    }

    /** {@return the command that runs this mode, from the top folder} */
    String command() {
        return "mvn -B -q package -DskipTests && mvn -B -q -f jmh/pom.xml verify -Dbench=" + name;
    }
}
