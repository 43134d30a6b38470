package dev.shuttle.internal.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on exception messages. */
final class Messages {
    private Messages() {}

    /** Fails unless the message contains every part, showing the whole message. */
    static void assertContains(Throwable error, String... parts) {
        String message = error.getMessage();
        for (String part : parts) {
            assertTrue(message != null && message.contains(part),
                    () -> "expected the message to contain '" + part + "' but it was: " + error);
        }
    }
}
