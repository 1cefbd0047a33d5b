package clearml.migrate.hardening;

import com.mongodb.ConnectionString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a store's port, which a test can close as a store that goes away looks to a
 * client: every open connection is dropped and the port refuses new ones ({@link #cut()}), until the relay listens on
 * the same port again ({@link #restore()}). It can cut itself once the client has sent a given number of bytes
 * through it, so that the cut falls in the middle of a command's work, and restore itself after a pause.
 */
public final class StorePort implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private volatile ServerSocket listener;
    private volatile long cutAt = Long.MAX_VALUE;
    private volatile Duration downFor = Duration.ZERO;
    private volatile int cuts;

    public StorePort(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A relay in front of the first host of a MongoDB connection string. */
    public static StorePort before(String mongoUri) throws IOException {
        String host = new ConnectionString(mongoUri).getHosts().get(0);
        return new StorePort(host.substring(0, host.lastIndexOf(':')),
                Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
    }

    /** A relay in front of a search engine's HTTP port. */
    public static StorePort before(URI engine) throws IOException {
        return new StorePort(engine.getHost(), engine.getPort());
    }

    public int port() {
        return port;
    }

    /** Bytes clients sent through the relay so far. */
    public long sent() {
        return sent.get();
    }

    /** How many times the relay was cut. */
    public int cuts() {
        return cuts;
    }

    /**
     * Cuts once the clients have sent {@code bytes} more bytes; restores after {@code downFor} unless that is zero,
     * in which case the port stays closed until {@link #restore()}.
     */
    public void cutAfter(long bytes, Duration downFor) {
        this.downFor = downFor;
        this.cutAt = sent.get() + bytes;
    }

    /** Drops every connection and closes the port. */
    public synchronized void cut() {
        cutAt = Long.MAX_VALUE;
        cuts++;
        closeQuietly(listener);
        open.forEach(StorePort::closeQuietly);
        open.clear();
    }

    /** Listens on the same port again. */
    public synchronized void restore() throws IOException {
        if (!listener.isClosed()) {
            return;
        }
        listener = listen(port);
        accept(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket server) {
        daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket store = new Socket(upstreamHost, upstreamPort);
                    open.add(client);
                    open.add(store);
                    daemon(() -> pump(client, store, true));
                    daemon(() -> pump(store, client, false));
                } catch (IOException e) {
                    return; // closed by cut()
                }
            }
        });
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
                if (fromClient && sent.addAndGet(n) >= cutAt) {
                    cutNow();
                    return;
                }
            }
        } catch (IOException e) {
            // one side went away: drop the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Several relay threads can pass the threshold at once (parallel scrolls): only the first one cuts. */
    private void cutNow() {
        synchronized (this) {
            if (cutAt == Long.MAX_VALUE) {
                return;
            }
            cut();
        }
        Duration pause = downFor;
        if (!pause.isZero()) {
            daemon(() -> {
                try {
                    Thread.sleep(pause.toMillis());
                    restore();
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException("could not reopen port " + port, e);
                }
            });
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "store-port");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
