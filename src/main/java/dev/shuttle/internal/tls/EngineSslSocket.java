package dev.shuttle.internal.tls;

import dev.shuttle.internal.io.SinkOutputStream;
import dev.shuttle.internal.io.SourceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The {@link SSLSocket} Shuttle's drop-in {@code SSLSocketFactory} returns: a client
 * {@link SSLEngine} over a connected plain socket, run by the same {@link EngineIo} loop and
 * {@link EngineHandshake} as every other TLS connection Shuttle makes.
 *
 * <ul>
 * <li>The handshake runs once, at {@link #startHandshake()} or the first read or write (so
 *     settings made after the socket was created apply to it), within the handshake timeout, and
 *     fails in words ({@link HandshakeFailures}); a failed handshake closes the socket.
 *     {@code startHandshake()} again does nothing.</li>
 * <li>A read that fails (a record that does not verify, an alert, a cut stream) closes the socket;
 *     every later read fails again saying why. A read timeout ({@link #setSoTimeout}) is not a
 *     failure. No BouncyCastle type reaches the caller ({@link ProviderCauses}).</li>
 * <li>{@link #shutdownOutput()} sends {@code close_notify}: over TLS 1.3 reads go on until the
 *     peer's; over TLS 1.2, which has no half-close, the connection ends both ways.</li>
 * <li>{@link #close()} sends {@code close_notify} after a handshake, and closes the plain socket
 *     unless it was layered with {@code autoClose} false. During a handshake on another thread it
 *     closes the plain socket, which ends that handshake at once.</li>
 * </ul>
 */
public final class EngineSslSocket extends SslSocketOverSocket {
    private final SSLEngine engine;
    private final boolean autoClose;
    private final Duration timeout;
    private final HandshakeFailures.Attempt attempt;
    private final boolean sessionResumption;
    private final EngineIo io;
    private final InputStream input;
    private final OutputStream output;
    private final HandshakeListeners listeners = new HandshakeListeners();
    private volatile HandshakeObserver observer = HandshakeObserver.NONE;
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private volatile boolean handshaken;
    private volatile boolean handshaking;
    private volatile IOException handshakeFailure;
    /** Closed by a failed read: later reads say why, not just "closed". */
    private volatile boolean failed;
    private volatile boolean closed;
    private volatile boolean inputShut;
    private volatile boolean outputShut;
    private volatile BiFunction<SSLSocket, List<String>, String> selector;

    /**
     * Layers TLS over a connected socket, doing no I/O.
     *
     * @param plain the connected socket; read only through this one from now on
     * @param engine a client engine, its parameters set
     * @param autoClose whether closing this socket closes {@code plain}
     * @param timeout the handshake timeout
     * @param attempt the peer and what is offered, for the messages
     * @param sessionResumption whether the session may be resumed later
     * @throws IOException if the plain socket's streams cannot be had (it is closed)
     */
    public EngineSslSocket(Socket plain, SSLEngine engine, boolean autoClose, Duration timeout, HandshakeFailures.Attempt attempt,
            boolean sessionResumption) throws IOException {
        super(plain);
        this.engine = engine;
        this.autoClose = autoClose;
        this.timeout = timeout;
        this.attempt = attempt;
        this.sessionResumption = sessionResumption;
        // The engine reads ahead (as much as the socket holds) unless the caller keeps the socket:
        // then what follows TLS there is the caller's, and reads stop at each record's end.
        InputStream rawIn = autoClose ? plain.getInputStream() : new RecordBoundedInput(plain.getInputStream());
        this.io = new EngineIo(engine, attempt.peer(), rawIn, plain.getOutputStream());
        this.input = new SourceInputStream(new dev.shuttle.internal.io.ByteSource() {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return EngineSslSocket.this.read(bytes, offset, length);
            }

            @Override
            public int available() {
                return closed || inputShut ? 0 : io.available();
            }
        }, this::closeQuietly);
        this.output = new SinkOutputStream(this::write, this::closeQuietly);
    }

    /** Tells {@code observer} of this socket's handshake; call before it starts. */
    public void observe(HandshakeObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
    }

    @Override
    public void startHandshake() throws IOException {
        if (handshaken) {
            return;
        }
        handshakeLock.lock();
        try {
            if (handshaken) {
                return;
            }
            handshaking = true; // before reading closed: a close() now either sees it or is seen here
            try {
                if (closed) {
                    throw closedSocket();
                }
                observer.started();
                try {
                    EngineHandshake.run(io, engine, plain, timeout, attempt);
                } catch (IOException e) {
                    IOException failure = closed ? cutShort(e) : e;
                    handshakeFailure = failure;
                    closeAfterFailure();
                    if (!Thread.currentThread().isInterrupted()) {
                        observer.failed(failure); // an interrupted one is told of no end, as ConnectListener says
                    }
                    throw failure;
                }
            } finally {
                handshaking = false;
            }
            try {
                observer.succeeded(HandshakeSummaries.of(engine.getSession(), engine.getApplicationProtocol()));
            } catch (RuntimeException | Error e) {
                closeQuietly(); // an Error from the listener: nobody reads on over this handshake
                throw e;
            }
            if (!sessionResumption) {
                engine.getSession().invalidate();
            }
            handshaken = true;
        } finally {
            handshakeLock.unlock();
        }
        listeners.completed(new HandshakeCompletedEvent(this, engine.getSession()));
    }

    private int read(byte[] bytes, int offset, int length) throws IOException {
        if (closed && !failed) {
            throw closedSocket();
        }
        startHandshake();
        if (inputShut) {
            return -1;
        }
        int n;
        try {
            n = io.read(bytes, offset, length);
        } catch (IOException e) {
            if (closed && !failed) {
                throw closedHere(e); // our close() ended the transport under the read
            }
            if (!(e instanceof InterruptedIOException)) {
                closeAfterFailure(); // a timeout is not a failure; anything else ends the connection
            }
            throw e;
        }
        if (n < 0 && closed && !failed) {
            throw closedHere(null); // our close_notify was answered before the read saw the close
        }
        return n;
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw closedSocket();
        }
        startHandshake();
        try {
            io.write(bytes, offset, length);
        } catch (IOException e) {
            throw closed && !failed ? closedHere(e) : ProviderCauses.scrubbedIo(e);
        }
    }

    /** After a failed handshake or read: the socket is closed, without {@code close_notify} (the engine sent its alert). */
    private void closeAfterFailure() {
        failed = true;
        closed = true;
        if (autoClose) {
            TlsClient.closeQuietly(plain);
        }
    }

    @Override
    public void close() throws IOException {
        boolean first = !closed;
        closed = true;
        if (first && handshaken && !failed) {
            io.tryCloseOutbound();
        }
        if (autoClose || handshaking) {
            plain.close();
        }
    }

    private void closeQuietly() {
        TlsClient.closeQuietly(this);
    }

    @Override
    public boolean isClosed() {
        return closed || plain.isClosed();
    }

    private SocketException closedSocket() {
        SocketException e = new SocketException("Socket is closed" + (handshakeFailure == null ? ""
                : ": its TLS handshake failed (" + handshakeFailure.getMessage() + ")"));
        if (handshakeFailure != null) {
            e.initCause(handshakeFailure);
        }
        return e;
    }

    private SocketException closedHere(IOException cause) {
        SocketException e = new SocketException("Socket is closed: TLS connection with " + attempt.peer() + " closed by this side");
        if (cause != null) {
            e.initCause(ProviderCauses.scrubbed(cause));
        }
        return e;
    }

    /** A handshake that {@link #close()} on another thread ended, said as such. */
    private SocketException cutShort(IOException cause) {
        SocketException e = new SocketException("TLS handshake with " + attempt.peer() + " was cut short: the socket was closed");
        e.initCause(cause);
        return e;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (isClosed()) {
            throw closedSocket();
        }
        if (isInputShutdown()) {
            throw new SocketException("Socket input is shutdown");
        }
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (isClosed()) {
            throw closedSocket();
        }
        if (isOutputShutdown()) {
            throw new SocketException("Socket output is shutdown");
        }
        return output;
    }

    /**
     * Sends {@code close_notify} (after the handshake, running it first if it has not run) and
     * half-closes the plain socket. Over TLS 1.3 reads go on until the peer's {@code close_notify};
     * over TLS 1.2, which has no half-close, reads after it return end of stream.
     */
    @Override
    public void shutdownOutput() throws IOException {
        if (isClosed()) {
            throw closedSocket();
        }
        if (outputShut) {
            return;
        }
        startHandshake();
        try {
            io.closeOutbound();
        } catch (IOException e) {
            throw ProviderCauses.scrubbedIo(e);
        }
        outputShut = true;
        plain.shutdownOutput();
    }

    /** Reads return end of stream from now on; nothing is sent (TLS has no message for it). */
    @Override
    public void shutdownInput() throws IOException {
        if (isClosed()) {
            throw closedSocket();
        }
        inputShut = true;
        if (autoClose) {
            plain.shutdownInput();
        }
    }

    @Override public boolean isInputShutdown() { return inputShut || plain.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return outputShut || plain.isOutputShutdown(); }

    @Override
    public SSLSession getSession() {
        try {
            startHandshake();
        } catch (IOException e) {
            // As SSLSocket.getSession() says: a failed handshake gives an invalid session.
        }
        return engine.getSession();
    }

    @Override public SSLSession getHandshakeSession() { return engine.getHandshakeSession(); }
    @Override public void addHandshakeCompletedListener(HandshakeCompletedListener l) { listeners.add(l); }
    @Override public void removeHandshakeCompletedListener(HandshakeCompletedListener l) { listeners.remove(l); }

    // The engine's settings, as the engine has them.

    @Override public String[] getSupportedCipherSuites() { return engine.getSupportedCipherSuites(); }
    @Override public String[] getEnabledCipherSuites() { return engine.getEnabledCipherSuites(); }
    @Override public void setEnabledCipherSuites(String[] suites) { engine.setEnabledCipherSuites(suites); }
    @Override public String[] getSupportedProtocols() { return engine.getSupportedProtocols(); }
    @Override public String[] getEnabledProtocols() { return engine.getEnabledProtocols(); }
    @Override public void setEnabledProtocols(String[] protocols) { engine.setEnabledProtocols(protocols); }
    @Override public void setUseClientMode(boolean mode) { engine.setUseClientMode(mode); }
    @Override public boolean getUseClientMode() { return engine.getUseClientMode(); }
    @Override public void setNeedClientAuth(boolean need) { engine.setNeedClientAuth(need); }
    @Override public boolean getNeedClientAuth() { return engine.getNeedClientAuth(); }
    @Override public void setWantClientAuth(boolean want) { engine.setWantClientAuth(want); }
    @Override public boolean getWantClientAuth() { return engine.getWantClientAuth(); }
    @Override public void setEnableSessionCreation(boolean flag) { engine.setEnableSessionCreation(flag); }
    @Override public boolean getEnableSessionCreation() { return engine.getEnableSessionCreation(); }
    @Override public SSLParameters getSSLParameters() { return engine.getSSLParameters(); }

    /**
     * Applies the caller's parameters. Parameters without signature schemes (a fresh
     * {@code new SSLParameters(...)}) would bring back BouncyCastle's defaults, SHA-1 among them:
     * Shuttle's list stays instead. A list the caller sets is the caller's choice.
     */
    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
        if (parameters.getSignatureSchemes() == null) {
            SSLParameters applied = engine.getSSLParameters();
            applied.setSignatureSchemes(SignatureSchemes.defaults());
            engine.setSSLParameters(applied);
        }
    }

    @Override public String getApplicationProtocol() { return engine.getApplicationProtocol(); }
    @Override public String getHandshakeApplicationProtocol() { return engine.getHandshakeApplicationProtocol(); }
    @Override public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() { return selector; }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        this.selector = selector;
        engine.setHandshakeApplicationProtocolSelector(selector == null ? null : (e, offered) -> selector.apply(this, offered));
    }

    @Override
    public String toString() {
        return "ShuttleSSLSocket[" + attempt.peer() + ", " + plain + (isClosed() ? ", closed" : "") + "]";
    }
}
