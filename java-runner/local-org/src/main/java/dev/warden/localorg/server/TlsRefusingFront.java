package dev.warden.localorg.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The plain-http port's front door. The JDK HTTP server waits forever for a request line when a TLS client sends its
 * ClientHello (binary, no line end), so the client hangs. This front reads the first byte of each connection: a TLS
 * handshake record (0x16) gets a plain-text 400 naming the problem and the connection is closed at once (clients
 * report it as "wrong version number", the usual sign of https sent to an http port); anything else is relayed
 * byte for byte to the HTTP server listening on an internal loopback port.
 */
final class TlsRefusingFront implements AutoCloseable {
    static final String ANSWER_BODY = "This is the Warden local org's plain-http port: the client spoke TLS (https)."
            + " Use the http:// instance URL, or start the local org with --https for clients that insist on TLS.\n";
    private static final int TLS_HANDSHAKE = 0x16;
    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-org-front");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    TlsRefusingFront(InetSocketAddress bind, InetSocketAddress backend) throws IOException {
        this.listener = new ServerSocket();
        this.listener.setReuseAddress(true);
        this.listener.bind(bind, 128);
        this.backend = backend;
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            int first = in.read();
            if (first < 0) {
                client.close();
                return;
            }
            if (first == TLS_HANDSHAKE) {
                refuseTls(client);
                return;
            }
            Socket server = new Socket();
            server.setTcpNoDelay(true);
            server.connect(backend);
            server.getOutputStream().write(first);
            java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(2);
            threads.execute(() -> pump(server, client, server, client, open));
            pump(client, server, server, client, open);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void refuseTls(Socket client) throws IOException {
        byte[] body = ANSWER_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        try (client) {
            OutputStream out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    /**
     * Copies {@code from} to {@code to} until end of stream, then half-closes {@code to}; the second pump to finish
     * closes both sockets. A reset on either side resets the other.
     */
    private static void pump(
            Socket from, Socket to, Socket server, Socket client, java.util.concurrent.atomic.AtomicInteger open) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // the other side is gone already
            }
            if (open.decrementAndGet() == 0) {
                closeQuietly(server);
                closeQuietly(client);
            }
        } catch (IOException e) {
            open.set(0);
            abort(to);
            closeQuietly(from);
        }
    }

    private static void abort(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
