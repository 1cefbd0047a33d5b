package clearml.sandbox.seed;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * What a ClearML apiserver writes when it first starts on empty stores: its company, the schema-version records
 * (recorded, not run, on an empty database: data model §8.2) and the server uuid. A migration target looks like
 * this before anything is imported into it.
 */
public final class FreshServer {

    /** The open-source server's default company (data model §1.2). */
    public static final String DEFAULT_COMPANY = Tenants.DEFAULT_COMPANY;

    /** The target sandbox's company: an Enterprise-style tenant id, distinct from the open-source default. */
    public static final String TARGET_COMPANY = "7f3c2e1a9b8d4c6e8f0a1b2c3d4e5f60";

    private FreshServer() {
    }

    /** Writes a freshly started current (2.x) server's records into the MongoDB at {@code mongoUri}. */
    public static void initialize(String mongoUri, String companyId, String companyName) {
        initialize(mongoUri, companyId, companyName, Tenants.SCHEMA_VERSIONS);
    }

    /**
     * Writes the records of a freshly started ClearML 1.7 or 1.8 server: its newest schema-migration record is
     * 1.7.0 (1.9.0 came with 1.9), so it reports a 1.x schema (data model §8.2).
     */
    public static void initializeVersion1(String mongoUri, String companyId, String companyName) {
        initialize(mongoUri, companyId, companyName,
                Tenants.SCHEMA_VERSIONS.subList(0, Tenants.SCHEMA_VERSIONS.indexOf("1.7.0") + 1));
    }

    private static void initialize(String mongoUri, String companyId, String companyName, List<String> schema) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase backend = client.getDatabase("backend");
            long now = System.currentTimeMillis();
            for (int i = 0; i < schema.size(); i++) {
                backend.getCollection("versions").insertOne(new Document("_id", hex())
                        .append("num", schema.get(i)).append("created", new Date(now + i))
                        .append("desc", "Applied on server startup"));
            }
            backend.getCollection("settings").insertOne(new Document("_id", "server.uuid").append("value", hex()));
            backend.getCollection("company").insertOne(new Document("_id", companyId).append("name", companyName));
        }
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
