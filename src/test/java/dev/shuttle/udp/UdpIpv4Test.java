package dev.shuttle.udp;

/** The UDP scenarios over 127.0.0.1. */
class UdpIpv4Test extends UdpScenarios {
    @Override
    String listenUri() {
        return "udp://127.0.0.1:0";
    }

    @Override
    int largestPayload() {
        return 65_507;
    }
}
