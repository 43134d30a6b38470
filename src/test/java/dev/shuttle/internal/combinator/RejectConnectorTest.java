package dev.shuttle.internal.combinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import org.junit.jupiter.api.Test;

class RejectConnectorTest {

    @Test
    void theMessageFormThrowsAConnectExceptionNamingTheUri() {
        ConnectException e = assertThrows(ConnectException.class,
                () -> Connectors.reject("maintenance until 02:00").connect("Example.COM:443"));
        assertEquals("Connection to tcp://example.com:443 rejected: maintenance until 02:00", e.getMessage());
    }

    @Test
    void theMessageFormRefusesAMalformedUriAsAnyConnectorDoes() {
        assertThrows(IllegalArgumentException.class, () -> Connectors.reject("no").connect("example.com"));
    }

    @Test
    void theFunctionFormThrowsWhatTheFunctionReturns() {
        Connector reject = Connectors.reject(uri -> new NoRouteToHostException("no route to " + uri + " from here"));
        NoRouteToHostException e = assertThrows(NoRouteToHostException.class, () -> reject.connect("tcp://10.0.0.1:80"));
        assertEquals("no route to tcp://10.0.0.1:80 from here", e.getMessage());
    }

    @Test
    void theFunctionFormThrowsWhatTheFunctionThrows() {
        IOException planned = new IOException("planned");
        Connector reject = Connectors.reject(uri -> {
            throw planned;
        });
        assertSame(planned, assertThrows(IOException.class, () -> reject.connect("tcp://10.0.0.1:80")));
    }

    @Test
    void aFunctionReturningNullIsABug() {
        Connector reject = Connectors.reject(uri -> null);
        assertThrows(NullPointerException.class, () -> reject.connect("tcp://10.0.0.1:80"));
    }
}
