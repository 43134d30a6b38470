package dev.shuttle.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where {@code connect} hangs: a listener with a backlog of 1 whose accept queue is
 * filled with connections nobody accepts, so the kernel drops further SYNs. (A backlog of 0 would
 * mean the JDK's default of 50.)
 */
public final class SilentPort implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    private SilentPort(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * Opens a silent port on an address.
     *
     * @param address a loopback address, such as {@code 127.0.0.1} or {@code ::1}
     * @return the port, to be closed
     * @throws IOException if the queue could not be filled
     */
    public static SilentPort on(InetAddress address) throws IOException {
        SilentPort port = new SilentPort(new ServerSocket(0, 1, address));
        try {
            port.fill();
            return port;
        } catch (IOException | RuntimeException e) {
            port.close();
            throw e;
        }
    }

    private void fill() throws IOException {
        for (int i = 0; i < 32; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(address(), 250);
                fillers.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IOException("the accept queue of " + address() + " never filled up");
    }

    /** {@return the address where a connect hangs} */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /**
     * Accepts one of the queued connections, making room in the queue: a connect waiting on this
     * port then goes through when its SYN is sent again, about a second later.
     *
     * @return the accepted filler, to be closed
     * @throws IOException if the listener failed
     */
    public Socket acceptOne() throws IOException {
        return listener.accept();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : fillers) {
            socket.close();
        }
        listener.close();
    }
}
