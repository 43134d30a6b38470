package dev.shuttle.internal.connector;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.shuttle.ConnectListener;
import dev.shuttle.Connector;
import dev.shuttle.ConnectorOptions;
import dev.shuttle.Endpoint;
import dev.shuttle.Resolver;
import dev.shuttle.ServerOptions;
import dev.shuttle.tls.TlsCertificate;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsServerOptions;
import dev.shuttle.TlsHandshake;
import dev.shuttle.internal.tls.TlsWarmUp;
import dev.shuttle.testing.NetworkTest;
import dev.shuttle.testing.PeerServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An {@link Error} thrown by user code on the connect path (a listener's method, a resolver) ends
 * the connect at once with that very Error, after closing what the connect opened: no wait for
 * the connect timeout, no hang without one, no socket or Shuttle thread left behind.
 */
@NetworkTest
class UserCodeErrorsTest {
    /** Far longer than the bound below: a connect that waits for it has lost the Error. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROMPTLY = Duration.ofSeconds(15);
    private static final TlsCertificate CERTIFICATE = TlsCertificate.selfSigned("app.test", "127.0.0.1");

    /** Where the user code throws. */
    enum Phase { RESOLVER, LOOKUP_STARTED, LOOKUP_ANSWERED, LOOKUP_FAILED, ATTEMPT_STARTED, ATTEMPT_FAILED, ATTEMPT_SUCCEEDED,
        HANDSHAKE_STARTED, HANDSHAKE_SUCCEEDED }

    /** What a user's bug throws: an Error of its own, so that no assertion failure passes for it. */
    static final class UserBug extends Error {
        UserBug(String message) {
            super(message);
        }
    }

    record Case(Phase phase, String scheme, boolean literal, boolean forever) {
        @Override
        public String toString() {
            return phase + " " + scheme + (literal ? " literal" : " by name") + (forever ? ", no timeout" : ", timeout");
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String scheme : List.of("tcp", "tls")) {
            for (boolean forever : List.of(false, true)) {
                for (Phase phase : Phase.values()) {
                    if (phase.name().startsWith("HANDSHAKE") && scheme.equals("tcp")) {
                        continue;
                    }
                    cases.add(new Case(phase, scheme, false, forever));
                    if (phase.name().startsWith("ATTEMPT") || phase.name().startsWith("HANDSHAKE")) {
                        cases.add(new Case(phase, scheme, true, forever));
                    }
                }
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void warmUp() {
        TlsWarmUp.once();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anErrorFromUserCodeEndsTheConnectAtOnceWithThatErrorAndLeavesNothingOpen(Case c) throws Exception {
        UserBug bug = new UserBug("bug in " + c.phase());
        ServerOptions serverOptions = c.scheme().equals("tls")
                ? ServerOptions.builder().tls(TlsServerOptions.builder().certificate(CERTIFICATE).build()).build()
                : ServerOptions.defaults();
        try (PeerServer server = PeerServer.start(c.scheme() + "://127.0.0.1:0", serverOptions, connection -> {
            byte[] buffer = new byte[64];
            while (connection.input().read(buffer) >= 0) {
                // Until the client closes.
            }
        })) {
            int port = Endpoint.parse(server.uri()).port();
            int refusedPort = refusedPort();
            boolean failing = c.phase() == Phase.ATTEMPT_FAILED;
            String host = c.literal() ? "127.0.0.1" : "app.test";
            String uri = c.scheme() + "://" + host + ":" + (failing && c.literal() ? refusedPort : port);
            Connector connector = Connector.create(ConnectorOptions.builder()
                    .connectTimeout(c.forever() ? ChronoUnit.FOREVER.getDuration() : CONNECT_TIMEOUT)
                    .resolver(resolver(c.phase(), bug, failing))
                    .listener(listener(c.phase(), bug))
                    .tls(TlsOptions.builder().trustCertificates(CERTIFICATE.chain()).build())
                    .build());
            UserBug thrown = assertTimeoutPreemptively(PROMPTLY,
                    () -> assertThrows(UserBug.class, () -> connector.connect(uri).close()));
            assertSame(bug, thrown);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.open() == 0);
        }
    }

    /**
     * Answers {@code app.test}: 127.0.0.1, and for an attempt that must fail first, {@code ::1}
     * (where nothing listens on the server's port; tried first, RFC 6724 preferring it); or fails
     * both lookups, for a listener that must hear of a failed lookup.
     */
    private static Resolver resolver(Phase phase, UserBug bug, boolean failFirst) {
        return (host, family) -> {
            if (phase == Phase.RESOLVER) {
                throw bug;
            }
            if (phase == Phase.LOOKUP_FAILED) {
                throw new UnknownHostException(host + ": not found"); // both families: nothing wins first
            }
            if (family == StandardProtocolFamily.INET6) {
                return failFirst ? List.of(InetAddress.ofLiteral("::1")) : List.of();
            }
            return List.of(InetAddress.ofLiteral("127.0.0.1"));
        };
    }

    private static ConnectListener listener(Phase phase, UserBug bug) {
        return new ConnectListener() {
            @Override
            public void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {
                throwIf(Phase.LOOKUP_STARTED);
            }

            @Override
            public void lookupAnswered(Endpoint endpoint, StandardProtocolFamily family, List<InetAddress> addresses) {
                throwIf(Phase.LOOKUP_ANSWERED);
            }

            @Override
            public void lookupFailed(Endpoint endpoint, StandardProtocolFamily family, IOException failure) {
                throwIf(Phase.LOOKUP_FAILED);
            }

            @Override
            public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
                throwIf(Phase.ATTEMPT_STARTED);
            }

            @Override
            public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
                throwIf(Phase.ATTEMPT_FAILED);
            }

            @Override
            public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
                throwIf(Phase.ATTEMPT_SUCCEEDED);
            }

            @Override
            public void handshakeStarted(Endpoint endpoint, InetSocketAddress address) {
                throwIf(Phase.HANDSHAKE_STARTED);
            }

            @Override
            public void handshakeSucceeded(Endpoint endpoint, InetSocketAddress address, TlsHandshake handshake) {
                throwIf(Phase.HANDSHAKE_SUCCEEDED);
            }

            private void throwIf(Phase where) {
                if (phase == where) {
                    throw bug;
                }
            }
        };
    }

    private static int refusedPort() throws IOException {
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
            return closed.getLocalPort();
        }
    }
}
