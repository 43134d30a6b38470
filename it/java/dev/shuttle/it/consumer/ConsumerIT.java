package dev.shuttle.it.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shuttle as a downstream project gets it: the packaged jar and pom, put in a repository of their
 * own, and a small Maven project (it/consumer) that depends on them and adds only an SLF4J
 * provider. Maven resolves Shuttle's dependencies from Shuttle's pom; the project then runs on the
 * class path, on the module path, and on a module path without {@code jdk.jfr}, and must print
 * nothing on standard error in any of them.
 */
class ConsumerIT {
    private static final Path ROOT = Path.of(System.getProperty("shuttle.basedir", ".")).toAbsolutePath();
    private static final Path WORK = ROOT.resolve("target/consumer-it");
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    private static Path classes;
    private static String dependencies;

    @BeforeAll
    static void buildTheConsumer() throws Exception {
        String version = System.getProperty("shuttle.version", projectVersion());
        deleteTree(WORK);
        Path repository = WORK.resolve("repository");
        Path artifact = Files.createDirectories(repository.resolve("dev/shuttle/shuttle/" + version));
        Files.copy(ROOT.resolve("target/shuttle-" + version + ".jar"), artifact.resolve("shuttle-" + version + ".jar"));
        Files.copy(ROOT.resolve("pom.xml"), artifact.resolve("shuttle-" + version + ".pom"));
        Path project = WORK.resolve("project");
        copyTree(ROOT.resolve("it/consumer"), project);
        Path settings = WORK.resolve("settings.xml");
        Files.writeString(settings, settings(Path.of(System.getProperty("shuttle.localRepository",
                System.getProperty("user.home") + "/.m2/repository"))));
        Path classPathFile = WORK.resolve("classpath.txt");
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository, "-Dshuttle.version=" + version, "-Dslf4j.version=2.0.17",
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=" + classPathFile,
                "-Dmdep.includeScope=runtime"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("maven.log").toFile());
        // Maven itself may run on any JDK; the consumer is compiled for 25 by the JDK running this test.
        builder.environment().put("JAVA_HOME", Path.of(JAVA).getParent().getParent().toString());
        Process maven = builder.start();
        assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "the consumer's build did not finish in 5 minutes");
        assertEquals(0, maven.exitValue(), () -> "the consumer's build failed: " + read(WORK.resolve("maven.log")));
        classes = project.resolve("target/classes");
        dependencies = Files.readString(classPathFile).strip();
    }

    @Test
    void consumersGetTheSlf4jApiShuttleIsTestedWithNotDnsjavas() {
        assertTrue(dependencies.contains("slf4j-api-2.0.17.jar"), dependencies);
        assertTrue(!dependencies.contains("slf4j-api-1."), dependencies);
    }

    @Test
    void runsOnTheClassPathWithoutWarnings() throws Exception {
        Run run = java("-cp", classes + ":" + dependencies, "consumer.Main");
        assertEquals("", run.err(), "standard error");
        assertEquals(0, run.exitCode());
        assertEquals("reply=ping shuttle=class path jfr=true", run.out().strip());
    }

    @Test
    void runsOnTheModulePathWithoutWarnings() throws Exception {
        Run run = java("-p", classes + ":" + dependencies, "-m", "consumer/consumer.Main");
        assertEquals("", run.err(), "standard error");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("reply=ping shuttle=module dev.shuttle jfr="), run.out());
    }

    @Test
    void runsWithoutJdkJfrSinceShuttleRequiresItOnlyStatically() throws Exception {
        // As in an image jlink'd without jdk.jfr: only the modules the application requires.
        Run run = java("-p", classes + ":" + dependencies, "--limit-modules", "consumer,org.slf4j.simple",
                "-m", "consumer/consumer.Main");
        assertEquals("", run.err(), "standard error");
        assertEquals(0, run.exitCode());
        assertEquals("reply=ping shuttle=module dev.shuttle jfr=false", run.out().strip());
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the consumer did not exit in 60 s: " + read(err));
        }
        return new Run(process.exitValue(), read(out), read(err));
    }

    private static String settings(Path localRepository) {
        // The machine's local repository serves as a remote one, so what the main build has
        // already downloaded is copied instead of downloaded again; the rest comes from Central.
        String url = localRepository.toUri().toString();
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>machine-repository</id>
                      <repositories>
                        <repository><id>machine</id><url>%1$s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>machine</id><url>%1$s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>machine-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(url);
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static String projectVersion() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("target"))) {
            String jar = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("shuttle-.*-cli\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no packaged Shuttle in target/"));
            return jar.substring("shuttle-".length(), jar.length() - "-cli.jar".length());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(path);
            }
        }
    }
}
