package dev.shuttle.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Endpoint;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the module, checked on every build: what the exported packages show a user, and
 * which packages may lean on which.
 */
class ArchitectureTest {
    private static final Path CLASSES =
            Path.of(Endpoint.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    private static final Path SOURCES = Path.of("src/main/java");
    private static final ModuleDescriptor MODULE =
            ModuleFinder.of(CLASSES).find("dev.shuttle").orElseThrow().descriptor();

    /** The packages the module exports to everyone. */
    private static Set<String> exported() {
        return MODULE.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }

    /** Whether a type belongs to this module but to no package the module exports. */
    private static boolean unexportedShuttleType(Class<?> type) {
        String pkg = type.getPackageName();
        return MODULE.packages().contains(pkg) && !exported().contains(pkg);
    }

    @Test
    void noExportedTypeShowsAnUnexportedTypeInItsPublicSignatures() throws IOException {
        PublicSignatures signatures = new PublicSignatures(ArchitectureTest::unexportedShuttleType);
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (String pkg : exported()) {
            Path dir = CLASSES.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = file.getFileName().toString().replace(".class", "");
                    if (simple.contains("$") || simple.equals("package-info")) {
                        continue; // nested types are checked with their enclosing type
                    }
                    Class<?> type = load(pkg + "." + simple);
                    leaks.addAll(signatures.leaks(type));
                    checked++;
                }
            }
        }
        assertTrue(checked > 20, "checked only " + checked + " types in " + exported());
        assertEquals(List.of(), leaks, "internal types in the public API");
    }

    @Test
    void noTwoExportedPackagesReferToEachOther() {
        PackageGraph graph = PackageGraph.read(SOURCES);
        assertTrue(graph.packages().containsAll(exported()), "sources of " + exported() + " under " + SOURCES);
        assertEquals(List.of(), graph.cycles(exported()::contains), "exported packages that reach each other");
    }

    @Test
    void noCycleAmongInternalPackages() {
        PackageGraph graph = PackageGraph.read(SOURCES);
        assertTrue(graph.packages().stream().filter(ArchitectureTest::internal).count() > 10,
                "internal packages under " + SOURCES);
        assertEquals(List.of(), graph.cycles(ArchitectureTest::internal), "internal packages that reach each other");
    }

    @Test
    void everyPackageSaysWhatItMayImportAndImportsNothingElse() throws IOException {
        PackageGraph graph = PackageGraph.read(SOURCES);
        List<String> problems = new ArrayList<>();
        for (String pkg : graph.packages()) {
            Path info = SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (!Files.exists(info)) {
                problems.add(pkg + " has no package-info.java");
                continue;
            }
            MayImport allowed = MayImport.parse(Files.readString(info));
            if (allowed == null) {
                problems.add(pkg + ": its package-info has no \"May import:\" sentence");
                continue;
            }
            for (String dependency : graph.dependenciesOf(pkg)) {
                if (!allowed.allows(dependency)) {
                    problems.add(pkg + " refers to " + dependency + ", which its package-info does not allow");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void mayImportReadsTheListedPackages() {
        MayImport allowed = MayImport.parse("""
                /**
                 * Things.
                 *
                 * <p>May import: the public API ({@code dev.shuttle}), {@code internal.io},
                 * {@code internal.server.serve}. Not {@code internal.tls}.
                 */""");
        assertTrue(allowed.allows("dev.shuttle"));
        assertTrue(allowed.allows("dev.shuttle.internal.io"));
        assertTrue(allowed.allows("dev.shuttle.internal.server.serve"));
        assertFalse(allowed.allows("dev.shuttle.internal.server"));
        assertFalse(allowed.allows("dev.shuttle.internal.tls"));
        assertFalse(MayImport.parse("/** <p>May import: the JDK only. */").allows("dev.shuttle"));
        assertTrue(MayImport.parse("/** <p>May import: any internal package. */").allows("dev.shuttle.internal.tls"));
        assertEquals(null, MayImport.parse("/** Nothing said. */"));
    }

    // The checks themselves, on cases where the answer is known: a check that cannot fail proves nothing.

    @Test
    void signatureCheckFindsAHiddenTypeWhereverItAppears() {
        PublicSignatures signatures = new PublicSignatures(type -> type == SignatureFixture.Hidden.class);
        List<String> leaks = signatures.leaks(SignatureFixture.Leaky.class);
        assertEquals(7, leaks.size(), leaks.toString());
        assertTrue(leaks.stream().allMatch(l -> l.endsWith(SignatureFixture.Hidden.class.getName())), leaks.toString());
        assertEquals(List.of(), signatures.leaks(SignatureFixture.Hidden.class), "a package-private type is not API");
    }

    @Test
    void cycleCheckFindsPackagesThatReachEachOther() {
        PackageGraph graph = new PackageGraph(Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(), "e", Set.of("d")));
        assertEquals(List.of(Set.of("a", "b", "c")), graph.cycles(p -> true));
        assertEquals(List.of(), graph.cycles(p -> !p.equals("b")));
    }

    @Test
    void sourceGraphSeesImportsAndQualifiedNames() {
        PackageGraph graph = PackageGraph.read(SOURCES);
        assertTrue(graph.dependenciesOf("dev.shuttle").contains("dev.shuttle.internal.uri"));
        assertFalse(graph.dependenciesOf("dev.shuttle.internal.io").contains("dev.shuttle.internal.io"));
    }

    private static boolean internal(String pkg) {
        return pkg.startsWith("dev.shuttle.internal");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ArchitectureTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
