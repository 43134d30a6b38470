package dev.shuttle.jmh;

import dev.shuttle.jmh.echo.EchoLoad;
import dev.shuttle.jmh.echo.EchoServerMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of Shuttle's echo server goes: one more echo round with JDK Flight Recorder's
 * {@code profile} settings in the server's JVM, summarised by {@code jfr view} (hot methods, and
 * allocations by class). The output goes into the report as it is.
 */
final class Profile {
    private Profile() {}

    static String echo(Path target, Mode mode) {
        Path recording = target.resolve("shuttle-echo.jfr");
        String previous = System.getProperty("bench.serverJvmArgs", "");
        try {
            Files.deleteIfExists(recording);
            System.setProperty("bench.serverJvmArgs", previous + " -XX:StartFlightRecording=filename=" + recording
                    + ",settings=profile,dumponexit=true,jdk.SocketRead#enabled=false,jdk.SocketWrite#enabled=false");
            System.out.println("  profiling Shuttle's echo server (JFR)");
            new EchoLoad(target).echo(List.of(EchoServerMain.SHUTTLE), 1, mode.echoConnections(), mode.echoRoundTrips(),
                    Math.max(50, mode.echoRoundTrips() / 10));
            StringBuilder text = new StringBuilder();
            text.append("Profile of Shuttle's echo server, one more round with `-XX:StartFlightRecording:settings=profile` "
                    + "in its JVM, the socket read and write events off (when on, the JDK's socket streams look up the "
                    + "peer's address and the read timeout on every call to fill them in), summarised by `jfr view` "
                    + "(`jmh/target/shuttle-echo.jfr`):\n\n```\n");
            text.append(jfrView(recording, "hot-methods", 25)).append("\n");
            text.append(jfrView(recording, "allocation-by-class", 15)).append("\n```");
            return text.toString();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "Profile: could not record: " + e;
        } finally {
            System.setProperty("bench.serverJvmArgs", previous);
        }
    }

    private static String jfrView(Path recording, String view, int lines) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path jfr = Path.of(java).resolveSibling("jfr");
        Process process = new ProcessBuilder(jfr.toString(), "view", "--width", "140", view, recording.toString())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(60, TimeUnit.SECONDS);
        List<String> all = new String(output, StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", all.subList(0, Math.min(all.size(), lines)));
    }
}
