package dev.shuttle.internal.dropin;

import dev.shuttle.Connection;
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
import java.util.Set;

/**
 * A {@link Socket} over a connection that has no plain socket to hand out: a tunnel that runs
 * inside TLS to an {@code https://} proxy. Its bytes go through the connection, so through that
 * TLS; its addresses and socket options are those of the TCP socket carrying it, the one to the
 * proxy (as for any tunnel); its read timeout is the connection's. Connected when made; it has no
 * channel and sends no urgent data (both would bypass the TLS to the proxy), and its input cannot
 * be shut alone.
 */
final class TunnelSocket extends Socket {
    private final Connection connection;
    private final Socket carrier;
    private volatile boolean outputShut;

    TunnelSocket(Connection connection, Socket carrier) {
        this.connection = connection;
        this.carrier = carrier;
    }

    @Override public InputStream getInputStream() throws IOException { return open().input(); }
    @Override public OutputStream getOutputStream() throws IOException { return open().output(); }
    @Override public void close() { connection.close(); }
    @Override public boolean isClosed() { return !connection.isOpen(); }
    @Override public boolean isConnected() { return true; }
    @Override public boolean isBound() { return true; }
    @Override public boolean isOutputShutdown() { return outputShut; }
    @Override public boolean isInputShutdown() { return false; }

    @Override
    public void shutdownOutput() throws IOException {
        open().shutdownOutput();
        outputShut = true;
    }

    @Override
    public void shutdownInput() throws IOException {
        throw new SocketException("A socket tunnelled through an https:// proxy cannot shut its input alone: the TLS to "
                + "the proxy carries both directions; close it, or shut its output");
    }

    @Override public void connect(SocketAddress endpoint) throws IOException { throw new SocketException("Already connected"); }
    @Override public void connect(SocketAddress endpoint, int timeout) throws IOException { throw new SocketException("Already connected"); }
    @Override public void bind(SocketAddress bindpoint) throws IOException { throw new SocketException("Already bound"); }
    @Override public InetAddress getInetAddress() { return carrier.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return carrier.getLocalAddress(); }
    @Override public int getPort() { return carrier.getPort(); }
    @Override public int getLocalPort() { return carrier.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return carrier.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return carrier.getLocalSocketAddress(); }
    /** {@return null: bytes written to the channel would bypass the TLS to the proxy} */
    @Override public SocketChannel getChannel() { return null; }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        try {
            open().setReadTimeout(Duration.ofMillis(timeout));
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            throw new SocketException(e.getMessage());
        }
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return (int) Math.min(Integer.MAX_VALUE, open().readTimeout().toMillis());
    }

    @Override public void setTcpNoDelay(boolean on) throws SocketException { carrier.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return carrier.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { carrier.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return carrier.getSoLinger(); }
    @Override public void setSendBufferSize(int size) throws SocketException { carrier.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return carrier.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { carrier.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return carrier.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { carrier.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return carrier.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { carrier.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return carrier.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { carrier.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return carrier.getReuseAddress(); }
    @Override public void sendUrgentData(int data) throws IOException { throw noUrgentData(); }
    @Override public void setOOBInline(boolean on) throws SocketException { throw noUrgentData(); }
    @Override public boolean getOOBInline() throws SocketException { throw noUrgentData(); }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        carrier.setOption(name, value);
        return this;
    }

    @Override public <T> T getOption(SocketOption<T> name) throws IOException { return carrier.getOption(name); }
    @Override public Set<SocketOption<?>> supportedOptions() { return carrier.supportedOptions(); }

    private Connection open() throws SocketException {
        if (!connection.isOpen()) {
            throw new SocketException("Socket is closed");
        }
        return connection;
    }

    private static SocketException noUrgentData() {
        return new SocketException("A socket tunnelled through an https:// proxy cannot send urgent data: a byte outside "
                + "the TLS records to the proxy would break them");
    }

    @Override
    public String toString() {
        return "TunnelSocket[" + connection + " over " + carrier + "]";
    }
}
