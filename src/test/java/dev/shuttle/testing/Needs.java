package dev.shuttle.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (perl, an IPv6 address, a JVM feature). Missing on a
 * developer's machine, the test is skipped, saying why; missing in CI (the environment variable
 * {@code CI} is set, as GitHub Actions and most CI systems set it), the test fails: nothing skips
 * silently where the build is trusted. {@code it/install-peers.sh} installs what CI needs.
 */
public final class Needs {
    private Needs() {}

    /**
     * Skips the test (or fails it in CI) unless the condition holds.
     *
     * @param present whether what the test needs is there
     * @param what what it needs, in words: {@code "perl (Debian perl-base)"}
     */
    public static void that(boolean present, String what) {
        if (present) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("This test needs " + what + ", which CI must provide (CI is set)");
        }
        Assumptions.abort("needs " + what);
    }

    /** {@return whether the tests run in CI} */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
