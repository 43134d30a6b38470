package dev.shuttle.it.dns;

import dev.shuttle.it.PeerProcesses;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real DNS server for the tests: dnsmasq (Debian {@code dnsmasq-base}) on a free loopback port,
 * authoritative for {@code .test} and {@code .example} (unknown names there are NXDOMAIN; names
 * elsewhere are REFUSED, since it has no upstream), with fixed host records and an extra hosts
 * file the tests rewrite and reload with {@link #hosts(String...)}.
 *
 * <p>{@link #start} waits until dnsmasq answers a query sent with dnsjava. That first query also
 * starts dnsjava's process-wide I/O thread and its selector, which stay open for the life of the
 * JVM like the JDK's own pollers: start dnsmasq in {@code @BeforeAll}, before the leak check
 * takes its baseline. Stop it in {@code @AfterAll} with {@link #close()}, which ends the process
 * by its pid and waits for it.
 */
public final class Dnsmasq implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path hostsFile;

    private Dnsmasq(Process process, int port, Path directory, Path hostsFile) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.hostsFile = hostsFile;
    }

    /**
     * Starts dnsmasq.
     *
     * @param localTtl the TTL of every answer, in seconds
     * @param hostRecords {@code --host-record} values: {@code name,ipv4,ipv6}, addresses optional
     * @return the running server, answering queries
     * @throws IOException if it did not come up in five attempts
     */
    public static Dnsmasq start(int localTtl, String... hostRecords) throws IOException {
        return start(localTtl, List.of(), hostRecords);
    }

    /**
     * Starts dnsmasq with a first content of the extra hosts file, where a name may have several
     * addresses of one family (a host record holds one of each).
     *
     * @param localTtl the TTL of every answer, in seconds
     * @param hosts lines of the hosts file, such as {@code 192.0.2.1 name.test}
     * @param hostRecords {@code --host-record} values: {@code name,ipv4,ipv6}, addresses optional
     * @return the running server, answering queries
     * @throws IOException if it did not come up in five attempts
     */
    public static Dnsmasq start(int localTtl, List<String> hosts, String... hostRecords) throws IOException {
        return start(localTtl, hosts, List.of(), hostRecords);
    }

    /**
     * Starts dnsmasq with more options, such as {@code --dns-rr=name,65,hexdata} serving an HTTPS
     * record.
     *
     * @param localTtl the TTL of every answer, in seconds
     * @param hosts lines of the hosts file
     * @param options more dnsmasq options
     * @param hostRecords {@code --host-record} values
     * @return the running server, answering queries
     * @throws IOException if it did not come up in five attempts
     */
    public static Dnsmasq start(int localTtl, List<String> hosts, List<String> options, String... hostRecords)
            throws IOException {
        Path directory = Files.createTempDirectory("shuttle-dnsmasq", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path hostsFile = directory.resolve("hosts");
        write(hostsFile, hosts.isEmpty() ? "" : String.join("\n", hosts) + "\n");
        IOException failure = new IOException("dnsmasq did not start in " + ATTEMPTS + " attempts");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = directory.resolve("dnsmasq-" + attempt + ".log");
            Process process = new ProcessBuilder(command(port, localTtl, hostsFile, options, hostRecords))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (answers(process, port)) {
                return new Dnsmasq(process, port, directory, hostsFile);
            }
            PeerProcesses.stop(process);
            failure.addSuppressed(new IOException("dnsmasq on port " + port + " failed: " + Files.readString(log)));
        }
        PeerProcesses.deleteAll(directory);
        throw failure;
    }

    private static List<String> command(int port, int localTtl, Path hostsFile, List<String> options, String... hostRecords) {
        List<String> command = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                "--pid-file=", "--local=/test/", "--local=/example/", "--local-ttl=" + localTtl, "--addn-hosts=" + hostsFile));
        command.addAll(options);
        for (String record : hostRecords) {
            command.add("--host-record=" + record);
        }
        return command;
    }

    /** {@return the nameserver to give the resolver: {@code 127.0.0.1:port}} */
    public String nameserver() {
        return "127.0.0.1:" + port;
    }

    /**
     * Replaces the extra hosts file (lines such as {@code 10.0.0.1 name.test}) and tells dnsmasq
     * to read it again (SIGHUP), which also empties dnsmasq's own cache. dnsmasq reloads
     * asynchronously: wait for the new answers with a fresh resolver.
     *
     * @param lines the lines of the file
     * @throws IOException if the file cannot be written or the signal not sent
     */
    public void hosts(String... lines) throws IOException {
        write(hostsFile, String.join("\n", lines) + "\n");
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -HUP " + process.pid() + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reloading dnsmasq", e);
        }
    }

    /** Stops dnsmasq by its pid, waits for it to exit, and deletes its files. */
    @Override
    public void close() throws IOException {
        PeerProcesses.stop(process);
        PeerProcesses.deleteAll(directory);
    }

    private static boolean answers(Process process, int port) {
        SimpleResolver probe = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        probe.setTimeout(Duration.ofMillis(200));
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("probe.test."), Type.A, DClass.IN));
        return PeerProcesses.ready(process, () -> probe.send(query));
    }

    /** A port free for both UDP and TCP on 127.0.0.1 a moment ago; dnsmasq binds both. */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback)) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // The TCP port of this UDP port is in use: try another.
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

}
