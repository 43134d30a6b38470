package dev.shuttle.internal.jfr;

import dev.shuttle.ConnectListener;
import dev.shuttle.Endpoint;
import dev.shuttle.ServiceEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes JDK Flight Recorder events for DNS lookups and connection attempts. A lookup and an
 * attempt each start and end on one thread, which holds its event in between: the race tells of
 * an attempt on the thread that ends it, so an attempt the calling thread settles at once (a
 * loopback connect) is told of once it has, and its event is short.
 *
 * <p>An attempt that neither connected nor failed before its thread ends was cancelled; its event
 * is not written (JFR drops an event that is never committed).
 */
public final class FlightRecorderListener implements ConnectListener {
    /** The one instance: it keeps no state but the per-thread events. */
    public static final FlightRecorderListener INSTANCE = new FlightRecorderListener();

    private static final ThreadLocal<ConnectEvents.DnsLookup> LOOKUP = new ThreadLocal<>();
    private static final ThreadLocal<ConnectEvents.ConnectAttempt> ATTEMPT = new ThreadLocal<>();

    private FlightRecorderListener() {}

    /**
     * Adds flight recording to a user's listener.
     *
     * @param listener the user's listener, or {@link ConnectListener#NONE}
     * @return a listener telling both
     */
    public static ConnectListener with(ConnectListener listener) {
        if (!FlightRecorder.AVAILABLE) {
            return listener;
        }
        if (listener == ConnectListener.NONE) {
            return INSTANCE;
        }
        return new Both(INSTANCE, listener);
    }

    @Override
    public void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {
        ConnectEvents.DnsLookup event = new ConnectEvents.DnsLookup();
        if (event.isEnabled()) {
            event.begin();
            event.uri = endpoint.toString();
            event.family = family == StandardProtocolFamily.INET6 ? "AAAA" : "A";
            LOOKUP.set(event);
        }
    }

    @Override
    public void lookupAnswered(Endpoint endpoint, StandardProtocolFamily family, List<InetAddress> addresses) {
        ConnectEvents.DnsLookup event = LOOKUP.get();
        if (event != null) {
            LOOKUP.remove();
            event.addresses = addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
            event.commit();
        }
    }

    @Override
    public void lookupFailed(Endpoint endpoint, StandardProtocolFamily family, IOException failure) {
        ConnectEvents.DnsLookup event = LOOKUP.get();
        if (event != null) {
            LOOKUP.remove();
            event.failure = failure.getMessage();
            event.commit();
        }
    }

    @Override
    public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
        ConnectEvents.ConnectAttempt event = new ConnectEvents.ConnectAttempt();
        if (event.isEnabled()) {
            event.begin();
            event.uri = endpoint.toString();
            event.address = address.getAddress().getHostAddress() + " port " + address.getPort();
            ATTEMPT.set(event);
        }
    }

    @Override
    public void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
        attemptStarted(endpoint, address);
        ConnectEvents.ConnectAttempt event = ATTEMPT.get();
        if (event != null) {
            event.service = service.toString();
        }
    }

    @Override
    public void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {
        ConnectEvents.ServiceRecords event = new ConnectEvents.ServiceRecords();
        if (event.isEnabled()) {
            event.uri = endpoint.toString();
            event.services = services.stream().map(ServiceEndpoint::toString).collect(Collectors.joining("; "));
            event.commit();
        }
    }

    @Override
    public void servicesFailed(Endpoint endpoint, IOException failure) {
        ConnectEvents.ServiceRecords event = new ConnectEvents.ServiceRecords();
        if (event.isEnabled()) {
            event.uri = endpoint.toString();
            event.failure = failure.getMessage();
            event.commit();
        }
    }

    @Override
    public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
        end("failed", failure);
    }

    @Override
    public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
        end("connected", null);
    }

    private static void end(String outcome, IOException failure) {
        ConnectEvents.ConnectAttempt event = ATTEMPT.get();
        if (event != null) {
            ATTEMPT.remove();
            event.outcome = outcome;
            event.failure = failure == null ? null : failure.getMessage();
            event.reason = failure == null ? null : FailureRecording.reason(failure);
            event.commit();
        }
    }

    /** Tells two listeners, the flight recorder first. */
    private record Both(ConnectListener first, ConnectListener second) implements ConnectListener {
        @Override
        public void lookupStarted(Endpoint endpoint, StandardProtocolFamily family) {
            first.lookupStarted(endpoint, family);
            second.lookupStarted(endpoint, family);
        }

        @Override
        public void lookupAnswered(Endpoint endpoint, StandardProtocolFamily family, List<InetAddress> addresses) {
            first.lookupAnswered(endpoint, family, addresses);
            second.lookupAnswered(endpoint, family, addresses);
        }

        @Override
        public void lookupFailed(Endpoint endpoint, StandardProtocolFamily family, IOException failure) {
            first.lookupFailed(endpoint, family, failure);
            second.lookupFailed(endpoint, family, failure);
        }

        @Override
        public void attemptStarted(Endpoint endpoint, InetSocketAddress address) {
            first.attemptStarted(endpoint, address);
            second.attemptStarted(endpoint, address);
        }

        @Override
        public void attemptStarted(Endpoint endpoint, InetSocketAddress address, ServiceEndpoint service) {
            first.attemptStarted(endpoint, address, service);
            second.attemptStarted(endpoint, address, service);
        }

        @Override
        public void servicesAnswered(Endpoint endpoint, List<ServiceEndpoint> services) {
            first.servicesAnswered(endpoint, services);
            second.servicesAnswered(endpoint, services);
        }

        @Override
        public void servicesFailed(Endpoint endpoint, IOException failure) {
            first.servicesFailed(endpoint, failure);
            second.servicesFailed(endpoint, failure);
        }

        @Override
        public void attemptFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
            first.attemptFailed(endpoint, address, failure);
            second.attemptFailed(endpoint, address, failure);
        }

        @Override
        public void attemptSucceeded(Endpoint endpoint, InetSocketAddress address) {
            first.attemptSucceeded(endpoint, address);
            second.attemptSucceeded(endpoint, address);
        }
    
        // Handshakes are recorded by the TLS layer itself, pools have no flight events: only the user's listener hears these.
        @Override
        public void handshakeStarted(Endpoint endpoint, InetSocketAddress address) {
            second.handshakeStarted(endpoint, address);
        }

        @Override
        public void handshakeSucceeded(Endpoint endpoint, InetSocketAddress address, dev.shuttle.TlsHandshake handshake) {
            second.handshakeSucceeded(endpoint, address, handshake);
        }

        @Override
        public void handshakeFailed(Endpoint endpoint, InetSocketAddress address, IOException failure) {
            second.handshakeFailed(endpoint, address, failure);
        }

        @Override
        public void poolConnectionAcquired(Endpoint endpoint, boolean reused) {
            second.poolConnectionAcquired(endpoint, reused);
        }

        @Override
        public void poolConnectionEvicted(Endpoint endpoint, Eviction reason) {
            second.poolConnectionEvicted(endpoint, reason);
        }
    }
}
