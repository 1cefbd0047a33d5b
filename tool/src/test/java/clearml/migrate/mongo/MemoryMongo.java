package clearml.migrate.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** A MongoDB-wire server in memory on a free loopback port, with a plain client to arrange its contents. */
public final class MemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri;
    private final MongoClient client;

    public MemoryMongo() {
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        this.uri = "mongodb://127.0.0.1:" + address.getPort();
        this.client = MongoClients.create(uri);
    }

    public String uri() {
        return uri;
    }

    public MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
