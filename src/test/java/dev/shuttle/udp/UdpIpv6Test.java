package dev.shuttle.udp;

/** The UDP scenarios over [::1]. */
class UdpIpv6Test extends UdpScenarios {
    @Override
    String listenUri() {
        return "udp://[::1]:0";
    }

    @Override
    int largestPayload() {
        return 65_527;
    }
}
