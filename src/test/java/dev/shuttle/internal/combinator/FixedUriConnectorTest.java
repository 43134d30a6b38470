package dev.shuttle.internal.combinator;

import dev.shuttle.testing.FakeConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.Connection;
import dev.shuttle.Connector;
import dev.shuttle.Connectors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FixedUriConnectorTest {

    @Test
    void connectsToItsUriWhateverItIsAskedFor() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        Connector recording = uri -> {
            asked.add(uri.toString());
            return new FakeConnection(uri);
        };
        Connector fixed = Connectors.fixedUri(recording, "unix:///var/run/app.sock");
        try (Connection ignored = fixed.connect("example.com:80");
                Connection alsoIgnored = fixed.connect("tls://other.example:443")) {
            assertEquals(List.of("unix:///var/run/app.sock", "unix:///var/run/app.sock"), asked);
        }
    }

    @Test
    void aMalformedFixedUriIsRejectedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Connectors.fixedUri(uri -> new FakeConnection(uri), "unix://relative.sock"));
        assertEquals("Invalid URI 'unix://relative.sock': the socket path 'relative.sock' is relative or has a host"
                + " (expected unix:///absolute/path)", e.getMessage());
    }
}
