package dev.shuttle.internal.server;

import dev.shuttle.testing.Needs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.internal.tls.TestCertificates;
import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import dev.shuttle.testing.ChildJvm;
import dev.shuttle.testing.NetworkTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Server.inherited}: a child JVM serves on a listening socket it inherited as standard
 * input, the way systemd socket activation ({@code StandardInput=socket}) and inetd's wait mode
 * hand one over.
 *
 * <p>Java cannot start a process with a socket as its standard input, so a tiny Perl program (Perl
 * is part of every Debian system, package perl-base) binds the socket, makes it descriptor 0 and
 * execs the child JVM, exactly what systemd does before it execs a service. The child prints its
 * address; the test connects from here, on loopback, and checks the echo.
 */
@NetworkTest
class InheritedChannelTest {
    private static final String LISTEN_ON_STDIN = """
            use IO::Socket::INET; use IO::Socket::UNIX; use Socket;
            my $where = shift @ARGV;
            my $s = $where eq 'tcp'
                ? IO::Socket::INET->new(Listen => 8, LocalAddr => '127.0.0.1', LocalPort => 0, Proto => 'tcp', ReuseAddr => 1)
                : IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $where, Listen => 8);
            $s or die "cannot listen: $@";
            open(STDIN, '<&', $s) or die "cannot make the socket standard input: $!";
            close($s);
            exec { $ARGV[0] } @ARGV or die "cannot exec: $!";
            """;

    @Test
    void aChildJvmServesOnAnInheritedTcpSocket() throws Exception {
        String address = echoThroughChild("tcp", Connector.tcp());
        assertTrue(address.startsWith("tcp://127.0.0.1:"), address);
    }

    @Test
    void aChildJvmServesTlsOnAnInheritedTcpSocketWhenItsOptionsHoldTls() throws Exception {
        TestCertificates pki = TestCertificates.ec();
        Path keyStore = Files.createTempFile("shuttle-inherited", ".p12");
        try {
            TestCertificates.writePkcs12(keyStore, pki.server(), "changeit".toCharArray());
            Connector tls = Connector.tls(TlsOptions.builder().trustStore(pki.caStore()).build());
            String address = echoThroughChild("tcp", tls, keyStore.toString());
            assertTrue(address.startsWith("tls://127.0.0.1:"), address);
        } finally {
            Files.deleteIfExists(keyStore);
        }
    }

    @Test
    void aChildJvmServesOnAnInheritedUnixSocket() throws Exception {
        Path directory = Files.createTempDirectory("shuttle-inherited");
        Path socket = directory.resolve("s.sock");
        try {
            String address = echoThroughChild(socket.toString(), Connector.unix());
            assertEquals("unix://" + socket, address);
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(directory);
        }
    }

    @Test
    void withoutAnInheritedSocketItSaysSo() {
        // Under the test runner, standard input is a pipe (or nothing), never a listening socket.
        IOException e = assertThrows(IOException.class, () -> Server.inherited(ServerOptions.defaults()).close());
        assertTrue(e.getMessage().startsWith("Cannot serve on an inherited socket: the standard input of this process is"),
                e.getMessage());
    }

    private static String echoThroughChild(String where, Connector connector, String... childArgs) throws Exception {
        Needs.that(Files.isExecutable(Path.of("/usr/bin/perl")), "perl (Debian perl-base)");
        List<String> command = new ArrayList<>(List.of("/usr/bin/perl", "-e", LISTEN_ON_STDIN, where));
        command.addAll(ChildJvm.builder(InheritedEchoServer.class.getName(), childArgs).command());
        Path errors = Files.createTempFile("shuttle-inherited", ".err");
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try {
            child.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String address = out.readLine();
            assertTrue(address != null, "the child printed no address; its errors: " + Files.readString(errors));
            try (Connection connection = connector.withTimeout(Duration.ofSeconds(10)).connect(address)) {
                connection.setReadTimeout(Duration.ofSeconds(30));
                connection.output().write("hello\n".getBytes(StandardCharsets.UTF_8));
                BufferedReader reply = new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
                assertEquals("echo hello", reply.readLine());
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits after one echo");
            assertEquals(0, child.exitValue(), "child errors: " + Files.readString(errors));
            return address;
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            child.getInputStream().close();
            child.getOutputStream().close();
            Files.deleteIfExists(errors);
        }
    }
}
