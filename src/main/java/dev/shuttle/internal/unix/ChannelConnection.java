package dev.shuttle.internal.unix;

import dev.shuttle.internal.io.SelectableConnection;
import dev.shuttle.internal.io.InterruptedIo;
import dev.shuttle.internal.io.SinkOutputStream;
import dev.shuttle.internal.io.SourceInputStream;
import java.nio.ByteBuffer;
import dev.shuttle.Connection;
import dev.shuttle.Endpoint;
import dev.shuttle.internal.io.IdleCheck;
import dev.shuttle.internal.io.Timeouts;
import dev.shuttle.internal.io.WriteDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Connection} over a connected Unix domain {@link SocketChannel}.
 *
 * <p>The channel stays in blocking mode: the JDK parks a virtual thread while it waits. A channel
 * has no {@code SO_TIMEOUT}, so reads with a timeout go through {@link TimedChannelIo}.
 */
public final class ChannelConnection implements Connection, SelectableConnection, IdleCheck {
    private final SocketChannel channel;
    private final TimedChannelIo io;
    private final InputStream input;
    private final OutputStream output;
    private final WriteDeadline writeDeadline;
    private final Endpoint remote;
    private final Endpoint local;

    /**
     * Wraps a connected channel.
     *
     * @param channel the channel, connected and in blocking mode
     * @throws IOException if the channel is closed
     */
    public ChannelConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.io = new TimedChannelIo(channel, String.valueOf(channel.getRemoteAddress()));
        this.input = new SourceInputStream((bytes, offset, length) -> {
            try {
                return io.read(ByteBuffer.wrap(bytes, offset, length));
            } catch (IOException e) {
                throw InterruptedIo.named(e, "Read from", () -> remoteAddress().toString());
            }
        }, this::close);
        this.writeDeadline = new WriteDeadline(() -> remoteAddress().toString(), this::close);
        SinkOutputStream.ByteSink channelSink = (bytes, offset, length) -> io.writeFully(ByteBuffer.wrap(bytes, offset, length));
        this.output = new SinkOutputStream((bytes, offset, length) -> writeDeadline.write(channelSink, bytes, offset, length), this::close);
        this.remote = endpointOf(channel.getRemoteAddress());
        this.local = endpointOf(channel.getLocalAddress());
    }

    private static Endpoint endpointOf(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress unix
                ? Endpoint.of(unix)
                : Endpoint.of(UnixDomainSocketAddress.of(""));
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public Endpoint remoteAddress() {
        return remote;
    }

    @Override
    public Endpoint localAddress() {
        return local;
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        io.setReadTimeoutMillis(Timeouts.millis("readTimeout", timeout));
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofMillis(io.readTimeoutMillis());
    }

    @Override
    public void setWriteTimeout(Duration timeout) throws IOException {
        int millis = Timeouts.millis("writeTimeout", timeout);
        if (!channel.isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        writeDeadline.set(Duration.ofMillis(millis));
    }

    @Override
    public Duration writeTimeout() {
        return writeDeadline.get();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        io.close();
        writeDeadline.closed();
    }

    @Override
    public SocketChannel selectableChannel() {
        return io.readsAhead() ? null : channel;
    }

    @Override
    public boolean quiet() {
        return io.quiet();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(channel) ? Optional.of(type.cast(channel)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Connection[" + local + " -> " + remote + (isOpen() ? "" : ", closed") + "]";
    }
}
