package dev.shuttle.dropin;

import dev.shuttle.testing.Bounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.testing.ChildJvm;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.probe.ResolverHookProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK resolver hook, each case in a fresh JVM (the JDK picks its resolver once per process).
 * The test's own nameserver ({@link ProbeNameserver}) answers {@value ProbeNameserver#PROBE_NAME}
 * with documentation addresses and a PTR record for 127.0.0.1 that no other server gives; Shuttle's
 * DNS (and dnsjava's, where a case enables it) ask that nameserver. So the answer tells which
 * resolver answered, whatever the host's resolver, hosts file or search domains: the built-in
 * resolver never answers with those addresses, and its reverse lookup of 127.0.0.1 is whatever
 * this JVM's gives. ({@code jdk.net.hosts.file} cannot stand in for the system: when it is set the
 * JDK loads no resolver provider at all.)
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
            List<String> jvm = new ArrayList<>(flags.stream().map(flag -> flag.replace("{dns}", dns.address())).toList());
            if (jvm.stream().noneMatch(flag -> flag.startsWith("-Ddev.shuttle.resolver.nameservers="))) {
                jvm.add("-Ddev.shuttle.resolver.nameservers=" + dns.address());
            }
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
                String errors = Bounded.join(err);
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

    private static final String PROBE = ProbeNameserver.PROBE_NAME;
    private static final String NOWHERE = "nowhere.shuttle.invalid";
    private static final String SHUTTLES_ANSWER = PROBE + "=192.0.2.44,2001:db8:0:0:0:0:0:44\n";

    /** {@return the reverse lookup of 127.0.0.1 by the JDK's built-in resolver, as the probe prints it} */
    private static String builtinReverse() throws Exception {
        return "reverse=" + java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getCanonicalHostName() + "\n";
    }

    /** The JDK asks only the first provider: the cases below rely on Shuttle's coming before dnsjava's. */
    private static void assertShuttleComesBeforeDnsjava(String classPath) {
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        int shuttle = entries.indexOf(entries.stream().filter(e -> e.endsWith("classes") && !e.endsWith("test-classes"))
                .findFirst().orElseThrow());
        int dnsjava = entries.indexOf(entries.stream().filter(e -> e.contains("dnsjava")).findFirst().orElseThrow());
        assertTrue(shuttle < dnsjava, classPath);
    }

    @Test
    void withoutThePropertyTheJdkResolverAnswers() throws Exception {
        Outcome outcome = probe(testClassPath(), List.of(), PROBE);
        assertFalse(outcome.out().contains("192.0.2.44"), outcome.out());
        assertTrue(outcome.out().contains(builtinReverse()), outcome.out());
    }

    @Test
    void offShuttleHandsOverToDnsjavasProviderWhenTheApplicationEnabledIt() throws Exception {
        assertShuttleComesBeforeDnsjava(testClassPath());
        List<String> dnsjavaOn = List.of("-Dorg.dnsjava.spi.enable=true", "-Ddns.server={dns}", "-Ddns.search=");
        Outcome classPath = probe(testClassPath(), dnsjavaOn, PROBE);
        assertTrue(classPath.out().contains("192.0.2.44"), classPath.out() + classPath.err());
        Outcome modulePath = probe(String.join("\n", modulePathDnsjavaFirst()), dnsjavaOn, PROBE);
        assertTrue(modulePath.out().contains("192.0.2.44"), modulePath.out() + modulePath.err());
    }

    @Test
    void enabledShuttleAnswersInetAddressLookupsIpv4FirstByDefault() throws Exception {
        Outcome outcome = probe(testClassPath(), List.of("-Ddev.shuttle.resolver=enable"), PROBE, NOWHERE);
        assertTrue(outcome.out().contains(SHUTTLES_ANSWER), outcome.out());
        assertTrue(outcome.out().contains(NOWHERE + "=unknown\n"), outcome.out());
        // Reverse lookups stay with the built-in resolver: not the PTR record of Shuttle's nameserver.
        assertTrue(outcome.out().contains(builtinReverse()), outcome.out());
        assertFalse(outcome.out().contains(ProbeNameserver.REVERSE_NAME), outcome.out());
    }

    @Test
    void badNameserversAreWarnedAboutOnceAndTheBuiltinResolverAnswers() throws Exception {
        Outcome outcome = probe(testClassPath(),
                List.of("-Ddev.shuttle.resolver=enable", "-Ddev.shuttle.resolver.nameservers=not-an-address"),
                PROBE, "localhost", PROBE);
        assertFalse(outcome.out().contains("192.0.2.44"), outcome.out());
        assertTrue(outcome.out().contains("localhost=127.0.0.1"), outcome.out());
        String warning = "System property dev.shuttle.resolver.nameservers is 'not-an-address'";
        assertEquals(1, outcome.err().split(warning, -1).length - 1, outcome.err());
        assertTrue(outcome.err().contains("the JDK's built-in resolver answers instead"), outcome.err());
    }

    @Test
    void enabledShuttleHonoursIpv6FirstAndIpv4Only() throws Exception {
        Outcome v6First = probe(testClassPath(),
                List.of("-Ddev.shuttle.resolver=enable", "-Djava.net.preferIPv6Addresses=true"), PROBE);
        assertTrue(v6First.out().contains(PROBE + "=2001:db8:0:0:0:0:0:44,192.0.2.44\n"), v6First.out());
        Outcome v4Only = probe(testClassPath(),
                List.of("-Ddev.shuttle.resolver=enable", "-Djava.net.preferIPv4Stack=true"), PROBE);
        assertTrue(v4Only.out().contains(PROBE + "=192.0.2.44\n"), v4Only.out());
    }

    @Test
    void dnsjavasProviderFoundFirstShadowsShuttlesAndShuttleSaysSo() throws Exception {
        Outcome outcome = probe(dnsjavaFirst(), List.of("-Ddev.shuttle.resolver=enable"), "--touch-shuttle", PROBE);
        assertFalse(outcome.out().contains("192.0.2.44"), outcome.out());
        assertTrue(outcome.err().contains("the JDK resolves names with org.xbill.DNS.spi.DnsjavaInetAddressResolverProvider"),
                outcome.err());
        Outcome shuttleFirst = probe(testClassPath(), List.of("-Ddev.shuttle.resolver=enable"), "--touch-shuttle", PROBE);
        assertFalse(shuttleFirst.err().contains("the JDK resolves names with"), shuttleFirst.err());
    }

    @Test
    void onTheModulePathShuttlesProviderWasFoundFirstWhateverTheOrder() throws Exception {
        Outcome outcome = probe(String.join("\n", modulePathDnsjavaFirst()), List.of("-Ddev.shuttle.resolver=enable"),
                "--touch-shuttle", PROBE);
        assertTrue(outcome.out().contains(SHUTTLES_ANSWER), outcome.out() + outcome.err());
        assertFalse(outcome.err().contains("the JDK resolves names with"), outcome.err());
    }
}
