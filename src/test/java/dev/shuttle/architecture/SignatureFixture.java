package dev.shuttle.architecture;

import java.util.List;
import java.util.Map;

/** A public class whose nested {@link Leaky} shows a package-private type in seven places. */
public final class SignatureFixture {
    private SignatureFixture() {}

    static class Hidden extends Exception {}

    @SuppressWarnings("unused")
    public static class Leaky<T extends Hidden> implements Comparable<List<? super Hidden>> {
        public Hidden field;
        private Hidden privateField;

        public Leaky(Hidden[] array) {}

        public Map<String, Hidden> method() throws Hidden {
            return Map.of();
        }

        private Hidden privateMethod() {
            return null;
        }

        @Override
        public int compareTo(List<? super Hidden> o) {
            return 0;
        }
    }
}
