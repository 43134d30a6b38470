package dev.shuttle.internal.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * An {@link SSLSocket} layered over a connected plain socket: the socket-level calls (addresses,
 * options, timeouts) go to the plain socket as they are, and nothing that would bypass TLS does
 * (no channel, no urgent data; it is connected already). What TLS does is the subclass's.
 */
abstract class SslSocketOverSocket extends SSLSocket {
    /** The connected socket underneath. */
    final Socket plain;

    SslSocketOverSocket(Socket plain) {
        this.plain = plain;
    }

    @Override public void connect(SocketAddress endpoint) throws IOException { throw alreadyConnected(); }
    @Override public void connect(SocketAddress endpoint, int timeout) throws IOException { throw alreadyConnected(); }
    @Override public void bind(SocketAddress bindpoint) throws IOException { plain.bind(bindpoint); }
    @Override public InetAddress getInetAddress() { return plain.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return plain.getLocalAddress(); }
    @Override public int getPort() { return plain.getPort(); }
    @Override public int getLocalPort() { return plain.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return plain.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return plain.getLocalSocketAddress(); }
    /** {@return null: bytes written to the channel would bypass TLS} */
    @Override public SocketChannel getChannel() { return null; }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { plain.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return plain.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { plain.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return plain.getSoLinger(); }
    @Override public void sendUrgentData(int data) throws IOException { throw noUrgentData(); }
    @Override public void setOOBInline(boolean on) throws SocketException { throw noUrgentData(); }
    @Override public boolean getOOBInline() throws SocketException { throw noUrgentData(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { plain.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return plain.getSoTimeout(); }
    @Override public void setSendBufferSize(int size) throws SocketException { plain.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return plain.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { plain.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return plain.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { plain.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return plain.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { plain.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return plain.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { plain.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return plain.getReuseAddress(); }
    @Override public boolean isConnected() { return plain.isConnected(); }
    @Override public boolean isBound() { return plain.isBound(); }
    @Override public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        plain.setPerformancePreferences(connectionTime, latency, bandwidth);
    }
    @Override public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        plain.setOption(name, value);
        return this;
    }
    @Override public <T> T getOption(SocketOption<T> name) throws IOException { return plain.getOption(name); }
    @Override public Set<SocketOption<?>> supportedOptions() { return plain.supportedOptions(); }

    private static SocketException alreadyConnected() {
        return new SocketException("Already connected");
    }

    private static SocketException noUrgentData() {
        return new SocketException("TLS sockets cannot send urgent data: a byte outside TLS records would break the stream");
    }

}
