package dev.shuttle.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.testing.ChildJvm;
import dev.shuttle.testing.NetworkTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK resolver hook, each case in a fresh JVM (the JDK picks its resolver once per process).
 * Shuttle's DNS asks the test's nameserver, where {@code probe.test} is 192.0.2.44 and
 * 2001:db8::44; the JDK's built-in resolver asks the system, which does not know the name. So the
 * answer tells which resolver answered. ({@code jdk.net.hosts.file} cannot stand in for the system:
 * when it is set the JDK loads no resolver provider at all.)
 */
@NetworkTest
class ResolverHookTest {
    private record Outcome(String out, String err) {}

    private Outcome probe(String classPath, List<String> flags, String... args) throws Exception {
        try (ProbeNameserver dns = new ProbeNameserver()) {
            ProcessBuilder builder = ChildJvm.builder(ResolverHookProbe.class.getName(), args);
            List<String> command = new ArrayList<>(builder.command());
            if (classPath.startsWith("--module-path")) {
                command.remove(2);
                command.remove(1);
                command.addAll(1, List.of(classPath.split("\n")));
            } else {
                command.set(2, classPath);
            }
            List<String> jvm = new ArrayList<>(flags);
            jvm.add("-Ddev.shuttle.resolver.nameservers=" + dns.address());
            command.addAll(1, jvm);
            Process process = builder.command(command).redirectErrorStream(false).start();
            try {
                process.getOutputStream().close();
                var err = new java.util.concurrent.CompletableFuture<String>();
                Thread.ofVirtual().start(() -> {
                    try {
                        err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        err.completeExceptionally(e);
                    }
                });
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
                String errors = err.join();
                assertEquals(0, process.exitValue(), out + errors);
                return new Outcome(out, errors);
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String testClassPath() {
        return System.getProperty("java.class.path");
    }

    /** The test class path with dnsjava's jar moved to the front, so its resolver provider is found first. */
    private static String dnsjavaFirst() {
        List<String> entries = new ArrayList<>(Arrays.asList(testClassPath().split(File.pathSeparator)));
        List<String> dnsjava = entries.stream().filter(e -> e.contains("dnsjava")).toList();
        entries.removeAll(dnsjava);
        entries.addAll(0, dnsjava);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Shuttle and its dependencies as modules, dnsjava first on the module path; the probe and the
     * rest on the class path.
     */
    private static List<String> modulePathDnsjavaFirst() {
        List<String> modules = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : testClassPath().split(File.pathSeparator)) {
            boolean module = entry.endsWith("classes") && !entry.endsWith("test-classes")
                    || entry.matches(".*(dnsjava|slf4j-api|bouncycastle).*\\.jar");
            (module ? modules : classPath).add(entry);
        }
        modules.sort((a, b) -> Boolean.compare(!a.contains("dnsjava"), !b.contains("dnsjava")));
        return List.of("--module-path", String.join(File.pathSeparator, modules), "--add-modules",
                "dev.shuttle,org.dnsjava", "-cp", String.join(File.pathSeparator, classPath));
    }

    @Test
    void withoutThePropertyTheJdkResolverAnswers() throws Exception {
        Outcome outcome = probe(testClassPath(), List.of(), "probe.test");
        assertTrue(outcome.out().contains("probe.test=unknown\n"), outcome.out());
    }

    @Test
    void enabledShuttleAnswersInetAddressLookupsIpv4FirstByDefault() throws Exception {
        Outcome outcome = probe(testClassPath(), List.of("-Ddev.shuttle.resolver=enable"), "probe.test", "nowhere.test");
        assertTrue(outcome.out().contains("probe.test=192.0.2.44,2001:db8:0:0:0:0:0:44\n"), outcome.out());
        assertTrue(outcome.out().contains("nowhere.test=unknown\n"), outcome.out());
        assertTrue(outcome.out().contains("reverse=localhost\n"), outcome.out());
    }

    @Test
    void enabledShuttleHonoursIpv6FirstAndIpv4Only() throws Exception {
        Outcome v6First = probe(testClassPath(),
                List.of("-Ddev.shuttle.resolver=enable", "-Djava.net.preferIPv6Addresses=true"), "probe.test");
        assertTrue(v6First.out().contains("probe.test=2001:db8:0:0:0:0:0:44,192.0.2.44\n"), v6First.out());
        Outcome v4Only = probe(testClassPath(),
                List.of("-Ddev.shuttle.resolver=enable", "-Djava.net.preferIPv4Stack=true"), "probe.test");
        assertTrue(v4Only.out().contains("probe.test=192.0.2.44\n"), v4Only.out());
    }

    @Test
    void dnsjavasProviderFoundFirstShadowsShuttlesAndShuttleSaysSo() throws Exception {
        Outcome outcome = probe(dnsjavaFirst(), List.of("-Ddev.shuttle.resolver=enable"), "--touch-shuttle", "probe.test");
        assertTrue(outcome.out().contains("probe.test=unknown\n"), outcome.out());
        assertTrue(outcome.err().contains("the JDK resolves names with org.xbill.DNS.spi.DnsjavaInetAddressResolverProvider"),
                outcome.err());
        Outcome shuttleFirst = probe(testClassPath(), List.of("-Ddev.shuttle.resolver=enable"), "--touch-shuttle", "probe.test");
        assertFalse(shuttleFirst.err().contains("the JDK resolves names with"), shuttleFirst.err());
    }

    @Test
    void onTheModulePathShuttlesProviderWasFoundFirstWhateverTheOrder() throws Exception {
        Outcome outcome = probe(String.join("\n", modulePathDnsjavaFirst()), List.of("-Ddev.shuttle.resolver=enable"),
                "--touch-shuttle", "probe.test");
        assertTrue(outcome.out().contains("probe.test=192.0.2.44,2001:db8:0:0:0:0:0:44\n"), outcome.out() + outcome.err());
        assertFalse(outcome.err().contains("the JDK resolves names with"), outcome.err());
    }
}
