package dev.shuttle.internal.tls;

import dev.shuttle.internal.tls.crypto.CipherCapture;
import dev.shuttle.internal.tls.crypto.GcmRecordKey;
import dev.shuttle.internal.tls.crypto.LoneRecords;
import dev.shuttle.internal.tls.crypto.SequencedCipher;
import dev.shuttle.internal.io.ConnectFailures;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.TlsDecodeResult;
import org.bouncycastle.tls.crypto.TlsEncodeResult;

/**
 * The blocking loop around an {@link SSLEngine}: ciphertext read from and written to a pair of
 * streams, plaintext handed to the caller.
 *
 * <p>Reads hold the read lock and writes the write lock, so one thread can read while another
 * writes. A read that finds the engine wanting to send (a TLS 1.3 key update, the answer to a
 * {@code close_notify}) takes the write lock for that. A transport that ends without the peer's
 * {@code close_notify} fails the read with an {@link EOFException} naming the peer, and so does
 * every later read: a truncated stream is not its end.
 *
 * <p>Any other failure of a read (a record that does not verify, an alert, a reset) is permanent:
 * the engine is closed after it and would answer later reads with "closed", which a caller that
 * catches and reads again would take for the peer's {@code close_notify}. So the first failure is
 * kept, and every later read throws an {@link SSLException} naming the peer and that failure. A
 * read timeout is not a failure of the connection: the next read may wait again.
 *
 * <p>Buffers: {@code netIn} holds received ciphertext and {@code appIn} decrypted bytes not yet
 * read, both in fill mode.
 */
public final class EngineIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final String peer;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final int packetSize;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean inboundDone;
    private boolean truncated;
    private IOException failure;
    /** The record cipher of a TLS 1.3 connection, for half-close; {@code null} otherwise. */
    private SequencedCipher cipher;
    /** Whether this side has sent (or is sending) its {@code close_notify}. */
    private volatile boolean outputShut;
    /** Records this side seals itself after the peer's {@code close_notify} ended BouncyCastle's protocol; under the write lock. */
    private LoneRecords sealing;
    /** Records this side opens itself after its own {@code close_notify} ended BouncyCastle's protocol; under the read lock. */
    private LoneRecords opening;

    /**
     * @param engine the engine, its mode and parameters set
     * @param peer the other side, for messages: {@code tls://example.com:443}, {@code unix:///run/app.sock}
     * @param rawIn the transport's input
     * @param rawOut the transport's output
     */
    public EngineIo(SSLEngine engine, String peer, InputStream rawIn, OutputStream rawOut) {
        this.engine = engine;
        this.peer = peer;
        this.rawIn = rawIn;
        this.rawOut = rawOut;
        int packet = engine.getSession().getPacketBufferSize();
        this.packetSize = packet;
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet);
    }

    /**
     * Runs the handshake to its end. Called once, before any read or write. Keeps the record cipher
     * of a TLS 1.3 connection, which may go on alone in one direction after a half-close.
     */
    public void handshake() throws IOException {
        CipherCapture.begin();
        SequencedCipher captured;
        try {
            handshakeSteps();
        } catch (IOException | RuntimeException e) {
            sendAlertQuietly();
            throw e;
        } finally {
            captured = CipherCapture.end();
        }
        if (captured != null && "TLSv1.3".equals(engine.getSession().getProtocol())) {
            cipher = captured;
            cipher.withholdCloseNotify();
        }
    }

    private void handshakeSteps() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapAndSend(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = unwrap();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && receive() < 0) {
                        throw new EOFException("the peer closed the connection during the handshake");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new EOFException("the peer closed TLS during the handshake");
                    }
                }
                case NEED_TASK -> runTasks();
                default -> {
                    return;
                }
            }
        }
    }

    public int read(byte[] bytes, int offset, int length) throws IOException {
        readLock.lock();
        try {
            if (failure != null) {
                throw new SSLException("TLS connection with " + peer + " failed earlier: " + failure.getMessage(),
                        ProviderCauses.scrubbed(failure));
            }
            return readRecords(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Keeps the first failure of a read (not a timeout, not a cut stream, reported as they are), and
     * sends the peer the alert BouncyCastle has for it ({@code bad_record_mac}, say).
     */
    private IOException failed(Exception e) {
        if (failure != null || truncated || e instanceof InterruptedIOException) {
            return e instanceof IOException io ? ProviderCauses.scrubbedIo(io) : new SSLException(ProviderCauses.scrubbed(e));
        }
        failure = new SSLException("TLS connection with " + peer + " failed: " + reason(e), ProviderCauses.scrubbed(e));
        inboundDone = true;
        sendAlertQuietly();
        closeInboundQuietly();
        return failure;
    }

    /**
     * After a failure, sends what the engine has left to send: the fatal alert that tells the peer
     * why (a refused certificate, no common protocol), which the peer reports in words. Skipped if
     * a write holds the transport; never throws.
     */
    private void sendAlertQuietly() {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                netOut.clear();
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                netOut.flip();
                if (!netOut.hasRemaining()) {
                    break;
                }
                rawOut.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
                rawOut.flush();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // The failure being reported is what matters; the peer may be gone.
        } finally {
            writeLock.unlock();
        }
    }

    /** {@return the TLS alert behind a failure, named as TLS names it, else the failure's message} */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsFatalAlert alert) {
                String name = AlertDescription.getText(alert.getAlertDescription());
                return alert.getAlertDescription() == AlertDescription.bad_record_mac
                        ? "a record did not verify (" + name + "): it was changed on the way, or the peer's TLS is broken"
                        : name;
            }
            if (t instanceof TlsFatalAlertReceived received) {
                return "the peer sent the fatal alert " + AlertDescription.getText(received.getAlertDescription());
            }
        }
        return ConnectFailures.reason(failure);
    }

    private int readRecords(byte[] bytes, int offset, int length) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(length, appIn.remaining());
                appIn.get(bytes, offset, n);
                appIn.compact();
                return n;
            }
            if (truncated) {
                throw truncatedAgain();
            }
            if (inboundDone) {
                return -1;
            }
            if (opening != null) {
                openAlone();
                continue;
            }
            if (cipher != null && openDirectly()) {
                continue;
            }
            SSLEngineResult result = unwrap();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                if (result.bytesConsumed() == 0 && outputShut && cipher != null) {
                    // Our own close_notify ended BouncyCastle's protocol: TLS 1.3 lets the peer
                    // go on writing until its close_notify, so its records are opened here.
                    opening = LoneRecords.opening(cipher);
                    continue;
                }
                inboundDone = true;
                answerCloseNotify(result);
                continue;
            }
            answerEngine(result);
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (receive() < 0) {
                        throw truncatedStream();
                    }
                }
                default -> {
                    // OK (data or a non-data record) or BUFFER_OVERFLOW (appIn grown): loop.
                }
            }
        }
    }

    /**
     * The transport ended without close_notify: the peer may not have sent everything, or someone
     * on the path cut it (a truncation attack). This and every later read fail.
     */
    private IOException truncatedStream() {
        truncated = true;
        inboundDone = true;
        closeInboundQuietly();
        return truncatedAgain();
    }

    private EOFException truncatedAgain() {
        return new EOFException("TLS connection with " + peer + " ended without the peer's close_notify: the stream was "
                + "cut short (by the peer, or on the way), so what was read may not be all that was sent");
    }

    /**
     * Opens the next whole record in {@code netIn} with the connection's cipher, without
     * {@code SSLEngine.unwrap} (which copies each record into a new array and through a queue),
     * while BouncyCastle has nothing of its own in progress. A record that is not application data
     * is left for {@code unwrap}, which gets what was opened here.
     *
     * @return {@code true} if application data was opened into {@code appIn}
     */
    private boolean openDirectly() throws IOException {
        byte[] bytes = netIn.array();
        if (netIn.position() < LoneRecords.HEADER || bytes[0] != ContentType.application_data) {
            return false;
        }
        int length = LoneRecords.recordLength(bytes, 0);
        if (netIn.position() < length) {
            return false;
        }
        TlsDecodeResult record;
        synchronized (engine) {
            if (engine.isInboundDone() || engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                return false;
            }
            record = cipher.openApplicationData(bytes, 0, length);
        }
        if (record == null) {
            return false;
        }
        if (appIn.remaining() < record.len) {
            appIn = grow(appIn, appIn.position() + record.len);
        }
        appIn.put(record.buf, record.off, record.len);
        netIn.flip();
        netIn.position(length);
        netIn.compact();
        return true;
    }

    /** Opens the next whole record after this side's close_notify, into {@code appIn}. */
    private void openAlone() throws IOException {
        while (netIn.position() < LoneRecords.HEADER) {
            if (receive() < 0) {
                throw truncatedStream();
            }
        }
        int length = LoneRecords.recordLength(netIn.array(), 0);
        if (netIn.capacity() < length) {
            netIn = grow(netIn, length);
        }
        while (netIn.position() < length) {
            if (receive() < 0) {
                throw truncatedStream();
            }
        }
        TlsDecodeResult record = opening.open(netIn.array(), 0, length);
        if (record == null) {
            inboundDone = true;
        } else if (record.len > 0) {
            if (appIn.remaining() < record.len) {
                appIn = grow(appIn, appIn.position() + record.len);
            }
            appIn.put(record.buf, record.off, record.len);
        }
        netIn.flip();
        netIn.position(length);
        netIn.compact();
    }

    public int available() {
        if (!readLock.tryLock()) {
            return 0;
        }
        try {
            return appIn.position();
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Checks, without blocking, that no read runs, no decrypted byte waits, no received record
     * waits to be decrypted (a second reply that came with the first) and the peer has not ended
     * TLS ({@code close_notify}); then asks the transport's own check while still holding off
     * readers.
     *
     * @param transportQuiet the transport's idle check
     * @return whether the connection is idle; {@code false} while a read runs
     */
    public boolean quiet(java.util.function.BooleanSupplier transportQuiet) {
        if (!readLock.tryLock()) {
            return false;
        }
        try {
            return appIn.position() == 0 && netIn.position() == 0 && !inboundDone && transportQuiet.getAsBoolean();
        } finally {
            readLock.unlock();
        }
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
        writeLock.lock();
        try {
            while (source.hasRemaining()) {
                if (outputShut) {
                    throw new SocketException("Cannot write to " + peer + ": its TLS output is shut down (close_notify sent)");
                }
                if (sealing != null) {
                    sealAlone(source);
                    return;
                }
                if (cipher != null && sealDirectly(source)) {
                    return;
                }
                if (engine.isOutboundDone()) {
                    throw new SocketException("Cannot write to " + peer + ": TLS output is closed");
                }
                wrapAndSend(source);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Seals application data with the connection's cipher, without {@code SSLEngine.wrap} (which
     * copies each record into a new array and through a queue), while BouncyCastle has nothing of
     * its own to send first. The engine's lock is held while a record is sealed, so that no record
     * of BouncyCastle's takes a sequence number in between.
     *
     * @return {@code true} if all was sent; {@code false} if the rest must go through the engine
     */
    private boolean sealDirectly(ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            int n = Math.min(source.remaining(), LoneRecords.maxPlaintext());
            TlsEncodeResult record;
            synchronized (engine) {
                if (engine.isOutboundDone() || cipher.keyUpdateRequested()
                        || engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                    return false;
                }
                record = cipher.seal(ContentType.application_data, source.array(), source.arrayOffset() + source.position(), n);
            }
            rawOut.write(record.buf, record.off, record.len);
            source.position(source.position() + n);
        }
        rawOut.flush();
        return true;
    }

    /** Seals and sends application data after the peer's close_notify. */
    private void sealAlone(ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            int n = Math.min(source.remaining(), LoneRecords.maxPlaintext());
            TlsEncodeResult record = sealing.seal(source.array(), source.arrayOffset() + source.position(), n);
            rawOut.write(record.buf, record.off, record.len);
            source.position(source.position() + n);
        }
        rawOut.flush();
    }

    /**
     * Sends {@code close_notify}; later writes fail. Over TLS 1.3 reads go on until the peer's
     * {@code close_notify} (a half-close); over TLS 1.2 BouncyCastle ends both directions.
     */
    public void closeOutbound() throws IOException {
        writeLock.lock();
        try {
            if (outputShut) {
                return;
            }
            if (sealing == null && cipher != null && engine.isInboundDone() && !engine.isOutboundDone()) {
                // The peer's close_notify came: BouncyCastle's answer waits, and is not sent.
                wrapAndSend(EMPTY);
            }
            outputShut = true;
            if (cipher != null) {
                cipher.allowCloseNotify();
            }
            if (sealing != null) {
                TlsEncodeResult record = sealing.sealCloseNotify();
                rawOut.write(record.buf, record.off, record.len);
                rawOut.flush();
                return;
            }
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                wrapAndSend(EMPTY);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends {@code close_notify} unless a write is in progress; never throws. */
    public void tryCloseOutbound() {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            closeOutbound();
        } catch (IOException | RuntimeException ignored) {
            // Closing: the transport goes next whatever happened here.
        } finally {
            writeLock.unlock();
        }
    }

    private SSLEngineResult unwrap() throws SSLException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    return result;
                }
                default -> {
                    return result;
                }
            }
        }
    }

    /** After a read's unwrap: runs tasks, and sends what the engine wants to send. */
    private void answerEngine(SSLEngineResult result) throws IOException {
        SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
        while (status == SSLEngineResult.HandshakeStatus.NEED_TASK || status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            } else {
                writeLock.lock();
                try {
                    wrapAndSend(EMPTY);
                } finally {
                    writeLock.unlock();
                }
            }
            status = engine.getHandshakeStatus();
        }
    }

    /**
     * Answers the peer's {@code close_notify} with ours, if the engine wants to. The peer may have
     * closed its transport right after sending it (as Shuttle's own {@code close()} does), so a
     * failed write is ignored: the stream has ended properly all the same.
     */
    private void answerCloseNotify(SSLEngineResult result) {
        try {
            answerEngine(result);
        } catch (IOException ignored) {
            // The peer is gone; it asked for nothing more.
        }
    }

    /**
     * Wraps a record and sends it (one record a write: a bigger write to a slow reader makes no
     * progress for longer, which a write deadline counts against it). Over TLS 1.3, when the peer's
     * {@code close_notify} has ended BouncyCastle's protocol, the answer it seals is held back
     * (this side may go on writing) and {@link #sealing} takes over.
     */
    private void wrapAndSend(ByteBuffer source) throws IOException {
        netOut.clear();
        while (true) {
            int start = netOut.position();
            SSLEngineResult result = engine.wrap(source, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                if (netOut.position() > 0) {
                    break;
                }
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, packetSize));
                continue;
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED && result.bytesProduced() > 0 && cipher != null
                    && cipher.closeNotifyWithheld() && sealing == null) {
                netOut.position(withoutLastRecord(start));
                sealing = LoneRecords.sealing(cipher);
                break;
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            break;
        }
        netOut.flip();
        if (netOut.hasRemaining()) {
            rawOut.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            rawOut.flush();
        }
        if (sealing != null && source.hasRemaining()) {
            sealAlone(source);
        }
    }

    /** {@return where the last whole record in {@code netOut} from {@code start} begins: the withheld close_notify, never sent} */
    private int withoutLastRecord(int start) throws IOException {
        byte[] bytes = netOut.array();
        int end = netOut.position();
        int last = start;
        for (int at = start; at < end; at += LoneRecords.recordLength(bytes, at)) {
            last = at;
        }
        if (end - last != LoneRecords.HEADER + 2 + 1 + GcmRecordKey.TAG_LENGTH) {
            throw new SSLException("TLS with " + peer + ": the answer to the peer's close_notify is not one alert record");
        }
        return last;
    }

    /**
     * Reads more ciphertext into {@code netIn}; {@return the count, or -1 at end of stream}. A read
     * that fills the buffer grows it, up to four records, so that bulk transfer takes several
     * records a system call.
     */
    private int receive() throws IOException {
        int room = netIn.remaining();
        int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), room);
        if (n > 0) {
            netIn.position(netIn.position() + n);
            if (n == room && netIn.capacity() < 4 * packetSize) {
                netIn = grow(netIn, 4 * packetSize);
            }
        }
        return n;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void closeInboundQuietly() {
        try {
            engine.closeInbound();
        } catch (SSLException ignored) {
            // "closed without close_notify": the read that called this says so itself.
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
