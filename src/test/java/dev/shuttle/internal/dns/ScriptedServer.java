package dev.shuttle.internal.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/** A dnsjava {@link Resolver} answering from a script, without a network; records who asked. */
final class ScriptedServer implements Resolver {
    private final Function<Message, CompletableFuture<Message>> script;
    private final List<Thread> askedOn = new CopyOnWriteArrayList<>();

    ScriptedServer(Function<Message, CompletableFuture<Message>> script) {
        this.script = script;
    }

    /** {@return a response to the query with this rcode, answer records and, if given, an SOA in the authority section} */
    static Message response(Message query, int rcode, SOARecord soa, Record... answers) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setRcode(rcode);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record answer : answers) {
            response.addRecord(answer, Section.ANSWER);
        }
        if (soa != null) {
            response.addRecord(soa, Section.AUTHORITY);
        }
        return response;
    }

    /** {@return the SOA record of the zone {@code test.}, whose negative TTL is 60 s} */
    static SOARecord soa() {
        Name zone = Name.fromConstantString("test.");
        return new SOARecord(zone, org.xbill.DNS.DClass.IN, 60, Name.fromConstantString("ns.test."),
                Name.fromConstantString("admin.test."), 1, 3600, 600, 86400, 60);
    }

    /** {@return how many queries were sent} */
    int queries() {
        return askedOn.size();
    }

    /** {@return the threads the queries were sent from} */
    List<Thread> askedOn() {
        return List.copyOf(askedOn);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        askedOn.add(Thread.currentThread());
        return script.apply(query);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return sendAsync(query);
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {}

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
}
