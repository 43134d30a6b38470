package dev.shuttle.internal.tls.crypto;

/**
 * Hands the record ciphers BouncyCastle creates during a handshake to the connection handshaking on
 * this thread: BouncyCastle's {@code SSLEngine} runs its handshake, and creates its ciphers, on the
 * thread that calls {@code wrap} and {@code unwrap}, and offers no other way to reach them.
 */
public final class CipherCapture {
    private static final ThreadLocal<SequencedCipher[]> LAST = new ThreadLocal<>();

    private CipherCapture() {}

    /** Starts capturing on this thread. */
    public static void begin() {
        LAST.set(new SequencedCipher[1]);
    }

    /** Called by the crypto for every cipher it creates: kept if this thread is capturing. */
    public static void created(SequencedCipher cipher) {
        SequencedCipher[] last = LAST.get();
        if (last != null) {
            last[0] = cipher;
        }
    }

    /** {@return the last cipher created on this thread since {@link #begin()}, or {@code null}; stops capturing} */
    public static SequencedCipher end() {
        SequencedCipher[] last = LAST.get();
        LAST.remove();
        return last == null ? null : last[0];
    }
}
