package clearml.migrate.secured;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TLS-terminating loopback relay in front of a MongoDB-wire server's plain port (mongo-java-server speaks no
 * TLS): it serves a certificate of {@link TestCertificates} and passes the bytes through both ways unchanged.
 */
public final class TlsMongoProxy implements AutoCloseable {

    private final URI upstream;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** @param mongoUri the plain server, {@code mongodb://127.0.0.1:PORT} */
    public TlsMongoProxy(String mongoUri, TestCertificates.Server certificate) throws IOException {
        this.upstream = URI.create(mongoUri);
        this.listener = TestCertificates.get().serverContext(certificate).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    /** The relay's address as a MongoDB URI, without {@code tls=true}: the flags under test turn TLS on. */
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getHost(), upstream.getPort());
                open.add(client);
                open.add(server);
                daemon(() -> pump(client, server));
                daemon(() -> pump(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a refused handshake or one side gone: drop the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(TlsMongoProxy::closeQuietly);
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "tls-mongo-proxy");
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
