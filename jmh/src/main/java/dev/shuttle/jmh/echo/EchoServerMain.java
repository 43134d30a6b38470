package dev.shuttle.jmh.echo;

import dev.shuttle.Server;
import dev.shuttle.ServerOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One echo server in a JVM of its own, so that each contender has its own heap, JIT and RSS: the
 * harness ({@link EchoLoad}) starts it, reads {@code READY <port>} from its standard output, may
 * write {@code MEASURE} (answered by {@code MEMORY <heap bytes> <rss bytes>} after full GCs), and
 * closes its standard input to stop it. Every server listens on 127.0.0.1 with a backlog of 1024,
 * sets TCP_NODELAY on accepted connections and echoes whatever it reads.
 */
public final class EchoServerMain {
    /** The contenders, by the name the harness passes. */
    public static final String PLAIN = "plain", NETTY_NIO = "netty-nio", NETTY_EPOLL = "netty-epoll", SHUTTLE = "shuttle",
            SHUTTLE_READABLE = "shuttle-readable";

    private EchoServerMain() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        AutoCloseable server;
        int port;
        switch (kind) {
            case PLAIN -> {
                ServerSocket listener = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
                Thread.ofVirtual().start(() -> plainAcceptLoop(listener));
                server = listener;
                port = listener.getLocalPort();
            }
            case SHUTTLE -> {
                Server listener = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().backlog(1024).build());
                // What a user writes: the handler below is all of it (see Server's Javadoc).
                Thread.ofPlatform().start(() -> {
                    try {
                        listener.serve(connection -> connection.input().transferTo(connection.output()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                server = listener;
                port = listener.address().port();
            }
            case SHUTTLE_READABLE -> {
                Server listener = Server.listen("tcp://127.0.0.1:0", ServerOptions.builder().backlog(1024).build());
                // Between messages a connection waits in the server's selector, without a thread.
                Thread.ofPlatform().start(() -> {
                    try {
                        listener.serveWhenReadable(connection -> {
                            byte[] buffer = new byte[512];
                            int n = connection.input().read(buffer);
                            if (n < 0) {
                                return false;
                            }
                            connection.output().write(buffer, 0, n);
                            return true;
                        });
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                server = listener;
                port = listener.address().port();
            }
            case NETTY_NIO -> {
                NettyServer netty = new NettyServer(NioIoHandler.newFactory(), NioServerSocketChannel.class);
                server = netty;
                port = netty.port;
            }
            case NETTY_EPOLL -> {
                if (!Epoll.isAvailable()) {
                    System.out.println("UNAVAILABLE " + Epoll.unavailabilityCause());
                    return;
                }
                NettyServer netty = new NettyServer(EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
                server = netty;
                port = netty.port;
            }
            default -> throw new IllegalArgumentException("unknown server " + kind);
        }
        System.out.println("READY " + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = commands.readLine()) != null; ) {
            if (line.equals("MEASURE")) {
                System.out.println("MEMORY " + heapAfterGc() + " " + rss());
                System.out.flush();
            }
        }
        server.close();
        // The server process's CPU time, user and system, for the cost per round trip.
        System.err.println("CPU " + ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L));
        System.exit(0);
    }

    private static void plainAcceptLoop(ServerSocket listener) {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Thread.ofVirtual().start(() -> {
                try (socket) {
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, n);
                    }
                } catch (IOException ignored) {
                    // The client went away.
                }
            });
        }
    }

    private static final class NettyServer implements AutoCloseable {
        private final EventLoopGroup group;
        private final int port;

        NettyServer(IoHandlerFactory factory, Class<? extends ServerChannel> channel) throws InterruptedException {
            // Netty's defaults: one group, 2 x cores event loops, the pooled allocator.
            group = new MultiThreadIoEventLoopGroup(factory);
            ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(Echo.INSTANCE);
            port = ((InetSocketAddress) bootstrap.bind("127.0.0.1", 0).sync().channel().localAddress()).getPort();
        }

        @Override
        public void close() {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            context.write(message);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
