package dev.shuttle.dropin;

import dev.shuttle.testing.Bounded;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on a loopback UDP port for the resolver hook's tests: {@value #PROBE_NAME} has the A
 * record 192.0.2.44 and the AAAA record 2001:db8::44, and 127.0.0.1 the PTR record
 * {@value #REVERSE_NAME}; every other name does not exist. The names are under {@code .invalid},
 * which no real DNS answers (RFC 6761), and the addresses are documentation addresses, so an
 * answer holding them came from this server.
 */
final class ProbeNameserver implements AutoCloseable {
    static final String PROBE_NAME = "probe.shuttle.invalid";
    static final String REVERSE_NAME = "reverse.shuttle.invalid";
    static final Name PROBE = Name.fromConstantString(PROBE_NAME + ".");
    static final Name LOOPBACK_PTR = Name.fromConstantString("1.0.0.127.in-addr.arpa.");
    private final DatagramSocket udp;
    private final Thread serving;

    ProbeNameserver() throws IOException {
        this.udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.serving = Thread.ofVirtual().start(this::serve);
    }

    String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[1232];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] answer = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength()))).toWire();
                udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // Closed, or a malformed query: go on until closed.
            }
        }
    }

    private static Message answer(Message query) throws IOException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        Name name = query.getQuestion().getName();
        int type = query.getQuestion().getType();
        if (name.equals(LOOPBACK_PTR)) {
            if (type == Type.PTR) {
                response.addRecord(new PTRRecord(name, DClass.IN, 60, Name.fromConstantString(REVERSE_NAME + ".")),
                        Section.ANSWER);
            }
        } else if (!name.equals(PROBE)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (type == Type.A) {
            response.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.ofLiteral("192.0.2.44")), Section.ANSWER);
        } else if (type == Type.AAAA) {
            response.addRecord(new AAAARecord(name, DClass.IN, 60, InetAddress.ofLiteral("2001:db8::44")), Section.ANSWER);
        }
        return response;
    }

    @Override
    public void close() throws InterruptedException {
        udp.close();
        Bounded.join(serving);
    }
}
