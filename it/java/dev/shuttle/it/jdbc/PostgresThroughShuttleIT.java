package dev.shuttle.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.dropin.ShuttleSocketFactory;
import dev.shuttle.it.PeerProcesses;
import dev.shuttle.proxy.ProxyConnectors;
import dev.shuttle.tls.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL server reached by the pgjdbc driver through Shuttle's drop-in factories, named
 * by class in the JDBC properties as any application would: {@code socketFactory} for the TCP
 * connect, {@code sslfactory} for the TLS upgrade PostgreSQL negotiates inside its protocol (the
 * layered {@code createSocket(socket, host, port, autoClose)}). pgjdbc connects its socket to
 * {@code new InetSocketAddress(host, port)}, an address the JDK resolved: Shuttle connects to that
 * address (with its timeout, options and listener events) rather than resolving the name again,
 * so the listener sees the connect to the address the JDK chose for {@code localhost}. A connector
 * registered by name (a SOCKS proxy, microsocks) takes the driver's socket through the proxy.
 */
class PostgresThroughShuttleIT {
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final ConnectListener recorder = new ConnectListener() {
        @Override
        public void attemptFailed(Endpoint endpoint, InetSocketAddress address, java.io.IOException failure) {
            attempts.add("failed " + address.getAddress().getHostAddress());
        }

        @Override
        public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
            attempts.add("connected " + endpoint + " via " + address.getAddress().getHostAddress());
        }
    };

    /** {@return the listener's record of the connect pgjdbc makes to {@code localhost:port} through Shuttle} */
    private static String connectedThroughShuttle(int port) throws java.net.UnknownHostException {
        InetSocketAddress chosen = new InetSocketAddress(java.net.InetAddress.getByName("localhost"), port);
        return "connected " + Endpoint.of(dev.shuttle.Scheme.TCP, chosen) + " via " + chosen.getAddress().getHostAddress();
    }

    private static Properties properties(String factoryName) {
        Properties properties = new Properties();
        properties.setProperty("user", Postgres.USER);
        properties.setProperty("socketFactory", ShuttleSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", factoryName);
        properties.setProperty("connectTimeout", "10");
        return properties;
    }

    @Test
    void pgjdbcConnectsThroughShuttlesSocketFactoryAndRunsAQuery() throws Exception {
        ShuttleSocketFactory.register("it-postgres", ConnectorOptions.builder().listener(recorder).build());
        Properties properties = properties("it-postgres");
        properties.setProperty("sslmode", "disable");
        try (Postgres server = Postgres.start()) {
            String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, properties);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select inet_client_addr()::text, 6 * 7")) {
                assertTrue(result.next());
                assertEquals("127.0.0.1/32", result.getString(1));
                assertEquals(42, result.getInt(2));
            }
            assertEquals(List.of(connectedThroughShuttle(server.port())), attempts);
        }
    }

    @Test
    void pgjdbcUpgradesToTlsThroughShuttlesSslSocketFactoryWithVerification() throws Exception {
        Path[] certificate = new Path[1];
        try (Postgres server = Postgres.start(directory -> {
            Path key = directory.resolve("server.key");
            Path crt = directory.resolve("server.crt");
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "2", "-keyout", key.toString(), "-out",
                    crt.toString()).redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make a certificate");
            }
            Postgres.giveToServer(key);
            Postgres.giveToServer(crt);
            certificate[0] = crt;
            return List.of("ssl=on", "ssl_cert_file=" + crt, "ssl_key_file=" + key);
        })) {
            ShuttleSocketFactory.register("it-postgres-tls", ConnectorOptions.builder()
                    .listener(recorder)
                    .tls(TlsOptions.builder().trustPem(certificate[0]).build())
                    .build());
            Properties properties = properties("it-postgres-tls");
            properties.setProperty("sslmode", "require");
            properties.setProperty("sslfactory", dev.shuttle.dropin.ShuttleSslSocketFactory.class.getName());
            properties.setProperty("sslfactoryarg", "it-postgres-tls");
            String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, properties);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
                assertTrue(result.next());
                assertTrue(result.getBoolean(1));
                assertTrue(result.getString(2).startsWith("TLSv1."), result.getString(2));
            }
            assertEquals(List.of(connectedThroughShuttle(server.port())), attempts);
        }
    }

    @Test
    void pgjdbcReachesPostgresThroughASocksProxyRegisteredByName() throws Exception {
        Process microsocks = null;
        int proxyPort = 0;
        for (int attempt = 0; attempt < 3 && microsocks == null; attempt++) {
            try (java.net.ServerSocket spare = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                proxyPort = spare.getLocalPort();
            }
            int port = proxyPort;
            Process started = new ProcessBuilder("microsocks", "-i", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (PeerProcesses.ready(started, () -> {
                try (java.net.Socket probe = new java.net.Socket()) {
                    probe.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 200);
                }
            })) {
                microsocks = started;
            } else {
                PeerProcesses.stop(started);
            }
        }
        assertTrue(microsocks != null, "microsocks did not start");
        try (Postgres server = Postgres.start()) {
            ShuttleSocketFactory.register("it-postgres-socks", ProxyConnectors.through("socks5://127.0.0.1:" + proxyPort,
                    Connector.create(ConnectorOptions.builder().listener(recorder).build())));
            Properties properties = properties("it-postgres-socks");
            properties.setProperty("sslmode", "disable");
            String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, properties);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select 6 * 7")) {
                assertTrue(result.next());
                assertEquals(42, result.getInt(1));
            }
            assertEquals(List.of("connected tcp://127.0.0.1:" + proxyPort + " via 127.0.0.1"), attempts,
                    "the only connect Shuttle made was to the proxy");
        } finally {
            PeerProcesses.stop(microsocks);
        }
    }
}
