package dev.shuttle.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged tool as the README shows it: {@code target/shuttle} runs the {@code -cli} jar, its help
 * is the README's, its exit codes are the documented ones, and the library jar holds no CLI.
 */
class ShuttleLauncherIT {
    private static final byte[] NO_INPUT = new byte[0];

    @Test
    void helpIsWhatTheReadmePrints() throws Exception {
        ShuttleCommand.Result result = ShuttleCommand.run(NO_INPUT, 30, "--help");
        assertEquals(0, result.exitCode(), result.err());
        String readme = Files.readString(ShuttleCommand.ROOT.resolve("README.md"));
        String marker = "$ target/shuttle --help\n";
        int start = readme.indexOf(marker);
        assertTrue(start >= 0, "README.md shows no '$ target/shuttle --help'");
        String shown = readme.substring(start + marker.length(), readme.indexOf("```", start));
        assertEquals(shown, result.out());
    }

    @Test
    void badUsageExitsTwoAndARefusedConnectOne() throws Exception {
        ShuttleCommand.Result unknown = ShuttleCommand.run(NO_INPUT, 30, "connect", "--frobnicate", "tcp://127.0.0.1:1");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown option '--frobnicate'"), unknown.err());
        int port;
        try (ServerSocket spare = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = spare.getLocalPort();
        }
        ShuttleCommand.Result refused = ShuttleCommand.run(NO_INPUT, 30, "connect", "--connect-timeout", "5s",
                "tcp://127.0.0.1:" + port);
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("Connection to tcp://127.0.0.1:" + port + " failed: Connection refused"),
                refused.err());
    }

    @Test
    void theLibraryJarHoldsNoCommandLineToolAndRequiresJfrOnlyStatically() throws Exception {
        Path cli = ShuttleCommand.cliJar();
        Path library = cli.resolveSibling(cli.getFileName().toString().replace("-cli.jar", ".jar"));
        try (JarFile jar = new JarFile(library.toFile())) {
            assertFalse(jar.stream().anyMatch(entry -> entry.getName().startsWith("dev/shuttle/internal/cli/")),
                    "the library jar holds dev/shuttle/internal/cli");
            assertEquals(null, jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        try (JarFile jar = new JarFile(cli.toFile())) {
            assertEquals("dev.shuttle.internal.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        ModuleDescriptor descriptor = ModuleFinder.of(library).find("dev.shuttle").orElseThrow().descriptor();
        assertTrue(descriptor.requires().stream().anyMatch(r -> r.name().equals("jdk.jfr")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)), descriptor.requires().toString());
        assertFalse(descriptor.packages().contains("dev.shuttle.internal.cli"), descriptor.packages().toString());
    }
}
