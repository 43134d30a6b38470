package dev.shuttle.fuzz;

import java.util.ArrayList;
import java.util.List;

/** Runs the checks of a seed corpus and fails once at the end, listing every seed that failed. */
final class SeedFailures {
    private final List<String> failures = new ArrayList<>();
    private Throwable first;

    /** A check of one seed. */
    interface Check {
        void run() throws Exception;
    }

    void check(Check check) {
        try {
            check.run();
        } catch (Exception | AssertionError e) {
            failures.add(e.getMessage());
            if (first == null) {
                first = e;
            }
        }
    }

    void assertNone() {
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " seeds failed:\n  " + String.join("\n  ", failures), first);
        }
    }
}
