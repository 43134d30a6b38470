package dev.shuttle.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JDK Flight Recorder events of connects: one per DNS lookup and one per connection attempt.
 * They cost a check of a flag when no recording is running.
 */
final class ConnectEvents {
    private ConnectEvents() {}

    @Name("dev.shuttle.DnsLookup")
    @Label("DNS Lookup")
    @Category({"Shuttle", "Connect"})
    @Description("A lookup of one address family of a hostname, as part of a connect")
    @StackTrace(false)
    static final class DnsLookup extends Event {
        @Label("URI")
        String uri;

        @Label("Family")
        @Description("AAAA or A")
        String family;

        @Label("Addresses")
        String addresses;

        @Label("Failure")
        String failure;
    }

    @Name("dev.shuttle.ConnectAttempt")
    @Label("Connection Attempt")
    @Category({"Shuttle", "Connect"})
    @Description("One attempt to connect to one address (for tls://, TCP and the handshake)")
    @StackTrace(false)
    static final class ConnectAttempt extends Event {
        @Label("URI")
        String uri;

        @Label("Address")
        String address;

        @Label("Outcome")
        @Description("connected, failed, or cancelled when another attempt won")
        String outcome;

        @Label("Reason")
        @Description("Why a failed attempt failed: REFUSED, TIMEOUT, NO_ROUTE, RESET, TLS_HANDSHAKE, ... (see ConnectFailure)")
        String reason;

        @Label("Failure")
        String failure;

        @Label("Service")
        @Description("the HTTPS or SVCB record the address came from, if any")
        String service;
    }

    @Name("dev.shuttle.ServiceRecords")
    @Label("Service Records")
    @Category({"Shuttle", "Connect"})
    @Description("The HTTPS or SVCB answer of a connect (Happy Eyeballs v3), AliasMode records followed")
    @StackTrace(false)
    static final class ServiceRecords extends Event {
        @Label("URI")
        String uri;

        @Label("Services")
        String services;

        @Label("Failure")
        String failure;
    }
}
