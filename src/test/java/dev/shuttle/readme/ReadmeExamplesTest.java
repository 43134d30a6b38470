package dev.shuttle.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} code block of the README compiles against the current API: each block becomes
 * the body of a method in a class whose fields stand for what the README leaves to the reader
 * ({@code handler}, {@code request}, ...), and {@code javac} compiles them all.
 */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import dev.shuttle.*;
            import dev.shuttle.batch.*;
            import dev.shuttle.dropin.*;
            import dev.shuttle.frame.*;
            import dev.shuttle.pool.*;
            import dev.shuttle.proxy.*;
            import dev.shuttle.tls.*;
            import dev.shuttle.udp.*;
            import java.io.InputStream;
            import java.net.StandardSocketOptions;
            import java.net.http.HttpClient;
            import jdk.net.ExtendedSocketOptions;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Path;
            import java.sql.DriverManager;
            import java.time.Duration;
            import java.util.List;
            import java.util.Properties;
            import javax.net.SocketFactory;
            import javax.net.ssl.SSLSession;
            import javax.net.ssl.SSLEngine;
            import javax.net.ssl.SSLSocket;
            import javax.net.ssl.SSLSocketFactory;
            import okhttp3.OkHttpClient;
            """;
    /** What the README's examples use without declaring it. */
    private static final String CONTEXT = """
            abstract class ReadmeContext {
                ConnectionHandler handler;
                Connector viaProxyA, viaProxyB;
                Server server;
                char[] password;
                byte[] request, command, query;
                Object reply;
                List<String> hosts;
                ConnectListener myListener;
                TlsOptions tlsOptions;
                TlsServerOptions tlsServerOptions;
                TlsServerOptions tls;
                Log audit;
                Properties props;
                Log log;

                Object readReply(InputStream in) { return null; }

                void handle(byte[] frame) { }

                interface Log {
                    void warn(String message, Throwable error);

                    void info(String message);
                }
            }
            """;

    @Test
    void everyJavaBlockOfTheReadmeCompiles(@TempDir Path dir) throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertTrue(blocks.size() >= 10, "only " + blocks.size() + " java blocks found in README.md");
        Path sources = Files.createDirectories(dir.resolve("src/readme"));
        List<String> files = new ArrayList<>();
        Files.writeString(sources.resolve("ReadmeContext.java"), "package readme;\n" + IMPORTS + CONTEXT);
        files.add(sources.resolve("ReadmeContext.java").toString());
        for (int i = 0; i < blocks.size(); i++) {
            String name = "Block" + (i + 1);
            Path file = sources.resolve(name + ".java");
            Files.writeString(file, "package readme;\n" + IMPORTS + "class " + name
                    + " extends ReadmeContext {\n    void run() throws Exception {\n" + blocks.get(i) + "\n    }\n}\n");
            files.add(file.toString());
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", Runtime.version().feature() + "", "--enable-preview", "-proc:none", "-nowarn",
                "-d", dir.resolve("classes").toString(), "-classpath", classPath()));
        command.addAll(files);
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(2, TimeUnit.MINUTES), "javac did not finish");
        assertEquals(0, javac.exitValue(), "README examples do not compile (BlockN is the Nth java block):\n" + output);
    }

    /** The library and its dependencies, however the test runner put them (class or module path). */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        Stream.of("jdk.module.path", "java.class.path")
                .map(System::getProperty)
                .filter(value -> value != null && !value.isEmpty())
                .forEach(value -> entries.addAll(List.of(value.split(File.pathSeparator))));
        return String.join(File.pathSeparator, entries);
    }
}
