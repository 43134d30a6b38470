package dev.shuttle.internal.tls;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The {@link SSLSocket} Shuttle's {@code SSLSocketFactory} returns: BouncyCastle's socket
 * underneath, with Shuttle's handshake on top. The handshake runs once, at
 * {@link #startHandshake()} or the first read or write, within the handshake timeout, and fails
 * with an {@link javax.net.ssl.SSLHandshakeException} saying why (BouncyCastle alone throws plain
 * {@code IOException}s); calling {@code startHandshake()} again does nothing, where BouncyCastle
 * would refuse (it has no renegotiation). Everything else is BouncyCastle's socket.
 */
public final class HandshakingSslSocket extends SSLSocket {
    private final SSLSocket ssl;
    private final Socket plain;
    private final Duration timeout;
    private final HandshakeFailures.Attempt attempt;
    private final boolean sessionResumption;
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private volatile boolean handshaken;
    private volatile boolean handshaking;
    private volatile InputStream input;
    private volatile OutputStream output;

    public HandshakingSslSocket(SSLSocket ssl, Socket plain, Duration timeout, HandshakeFailures.Attempt attempt,
            boolean sessionResumption) {
        this.ssl = ssl;
        this.plain = plain;
        this.timeout = timeout;
        this.attempt = attempt;
        this.sessionResumption = sessionResumption;
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
            handshaking = true;
            try {
                SocketHandshake.run(ssl, plain, timeout, attempt);
            } catch (IOException e) {
                TlsClient.closeQuietly(ssl);
                throw ProviderCauses.scrubbedIo(e);
            } catch (RuntimeException e) {
                TlsClient.closeQuietly(ssl);
                throw e;
            } finally {
                handshaking = false;
            }
            if (!sessionResumption) {
                ssl.getSession().invalidate();
            }
            handshaken = true;
        } finally {
            handshakeLock.unlock();
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream in = input;
        if (in == null) {
            InputStream raw = ssl.getInputStream();
            in = new FilterInputStream(raw) {
                @Override
                public int read() throws IOException {
                    startHandshake();
                    try {
                        return raw.read();
                    } catch (IOException e) {
                        throw ProviderCauses.scrubbedIo(e); // BouncyCastle's alerts, in JDK types
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    startHandshake();
                    try {
                        return raw.read(b, off, len);
                    } catch (IOException e) {
                        throw ProviderCauses.scrubbedIo(e);
                    }
                }
            };
            input = in;
        }
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        OutputStream out = output;
        if (out == null) {
            OutputStream raw = ssl.getOutputStream();
            out = new FilterOutputStream(raw) {
                @Override
                public void write(int b) throws IOException {
                    startHandshake();
                    try {
                        raw.write(b);
                    } catch (IOException e) {
                        throw ProviderCauses.scrubbedIo(e);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    startHandshake();
                    try {
                        raw.write(b, off, len);
                    } catch (IOException e) {
                        throw ProviderCauses.scrubbedIo(e);
                    }
                }
            };
            output = out;
        }
        return out;
    }

    @Override
    public SSLSession getSession() {
        try {
            startHandshake();
        } catch (IOException e) {
            // As SSLSocket.getSession() says: a failed handshake gives an invalid session.
        }
        return ssl.getSession();
    }

    /**
     * Closes the socket. During a handshake on another thread, BouncyCastle's {@code close()}
     * would wait for the lock that the blocked handshake holds (up to the handshake timeout): the
     * plain socket is closed first, which fails the handshake at once and frees the lock.
     */
    @Override
    public void close() throws IOException {
        if (handshaking) {
            plain.close();
        }
        ssl.close();
    }

    // Everything below is BouncyCastle's socket as it is.

    @Override public SSLSession getHandshakeSession() { return ssl.getHandshakeSession(); }
    @Override public String[] getSupportedCipherSuites() { return ssl.getSupportedCipherSuites(); }
    @Override public String[] getEnabledCipherSuites() { return ssl.getEnabledCipherSuites(); }
    @Override public void setEnabledCipherSuites(String[] suites) { ssl.setEnabledCipherSuites(suites); }
    @Override public String[] getSupportedProtocols() { return ssl.getSupportedProtocols(); }
    @Override public String[] getEnabledProtocols() { return ssl.getEnabledProtocols(); }
    @Override public void setEnabledProtocols(String[] protocols) { ssl.setEnabledProtocols(protocols); }
    @Override public void addHandshakeCompletedListener(HandshakeCompletedListener l) { ssl.addHandshakeCompletedListener(l); }
    @Override public void removeHandshakeCompletedListener(HandshakeCompletedListener l) { ssl.removeHandshakeCompletedListener(l); }
    @Override public void setUseClientMode(boolean mode) { ssl.setUseClientMode(mode); }
    @Override public boolean getUseClientMode() { return ssl.getUseClientMode(); }
    @Override public void setNeedClientAuth(boolean need) { ssl.setNeedClientAuth(need); }
    @Override public boolean getNeedClientAuth() { return ssl.getNeedClientAuth(); }
    @Override public void setWantClientAuth(boolean want) { ssl.setWantClientAuth(want); }
    @Override public boolean getWantClientAuth() { return ssl.getWantClientAuth(); }
    @Override public void setEnableSessionCreation(boolean flag) { ssl.setEnableSessionCreation(flag); }
    @Override public boolean getEnableSessionCreation() { return ssl.getEnableSessionCreation(); }
    @Override public SSLParameters getSSLParameters() { return ssl.getSSLParameters(); }
    /**
     * Applies the caller's parameters. Parameters without signature schemes (a fresh
     * {@code new SSLParameters(...)}) would bring back BouncyCastle's defaults, SHA-1 among them:
     * Shuttle's list stays instead. A list the caller sets is the caller's choice.
     */
    @Override public void setSSLParameters(SSLParameters parameters) {
        ssl.setSSLParameters(parameters);
        if (parameters.getSignatureSchemes() == null) {
            SSLParameters applied = ssl.getSSLParameters();
            applied.setSignatureSchemes(SignatureSchemes.defaults());
            ssl.setSSLParameters(applied);
        }
    }
    @Override public String getApplicationProtocol() { return ssl.getApplicationProtocol(); }
    @Override public String getHandshakeApplicationProtocol() { return ssl.getHandshakeApplicationProtocol(); }
    @Override public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        ssl.setHandshakeApplicationProtocolSelector(selector);
    }
    @Override public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return ssl.getHandshakeApplicationProtocolSelector();
    }

    @Override public void connect(SocketAddress endpoint) throws IOException { throw alreadyConnected(); }
    @Override public void connect(SocketAddress endpoint, int timeout) throws IOException { throw alreadyConnected(); }
    @Override public void bind(SocketAddress bindpoint) throws IOException { ssl.bind(bindpoint); }
    @Override public InetAddress getInetAddress() { return ssl.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return ssl.getLocalAddress(); }
    @Override public int getPort() { return ssl.getPort(); }
    @Override public int getLocalPort() { return ssl.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return ssl.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return ssl.getLocalSocketAddress(); }
    @Override public SocketChannel getChannel() { return ssl.getChannel(); }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { ssl.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return ssl.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { ssl.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return ssl.getSoLinger(); }
    @Override public void sendUrgentData(int data) throws IOException { ssl.sendUrgentData(data); }
    @Override public void setOOBInline(boolean on) throws SocketException { ssl.setOOBInline(on); }
    @Override public boolean getOOBInline() throws SocketException { return ssl.getOOBInline(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { ssl.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return ssl.getSoTimeout(); }
    @Override public void setSendBufferSize(int size) throws SocketException { ssl.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return ssl.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { ssl.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return ssl.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { ssl.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return ssl.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { ssl.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return ssl.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { ssl.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return ssl.getReuseAddress(); }
    @Override public void shutdownInput() throws IOException { ssl.shutdownInput(); }
    @Override public void shutdownOutput() throws IOException { ssl.shutdownOutput(); }
    @Override public boolean isConnected() { return ssl.isConnected(); }
    @Override public boolean isBound() { return ssl.isBound(); }
    @Override public boolean isClosed() { return ssl.isClosed(); }
    @Override public boolean isInputShutdown() { return ssl.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return ssl.isOutputShutdown(); }
    @Override public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        ssl.setPerformancePreferences(connectionTime, latency, bandwidth);
    }
    @Override public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        ssl.setOption(name, value);
        return this;
    }
    @Override public <T> T getOption(SocketOption<T> name) throws IOException { return ssl.getOption(name); }
    @Override public Set<SocketOption<?>> supportedOptions() { return ssl.supportedOptions(); }

    private static SocketException alreadyConnected() {
        return new SocketException("Already connected");
    }

    @Override
    public String toString() {
        return "ShuttleSSLSocket[" + ssl + "]";
    }
}
