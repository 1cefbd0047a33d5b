package clearml.migrate.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * What a MongoDB server says it can do and how much it takes at once, from its handshake answer ({@code hello},
 * or the legacy {@code isMaster} on servers that do not know {@code hello}: MongoDB before 4.4.2, and
 * mongo-java-server) and {@code buildInfo}. These are the server's claims: mongo-java-server claims wire version 8
 * yet has no pipeline updates (test-infra.md §1), which is why the tool's writes never depend on them.
 *
 * @param version the server version from {@code buildInfo}, e.g. {@code 7.0.14}
 * @param handshake the command that answered: {@code hello} or {@code isMaster}
 * @param maxWireVersion the newest wire protocol version (8 = MongoDB 4.2, 9 = 4.4, 13 = 5.0, 17 = 6.0, 21 = 7.0)
 * @param topology a standalone server, a replica-set member or a sharded cluster's router
 * @param sessions whether the server has logical sessions ({@code logicalSessionTimeoutMinutes} is present)
 * @param transactions whether multi-document transactions are possible: sessions on a replica set (wire ≥ 7,
 *     MongoDB 4.0) or a sharded cluster (wire ≥ 8, MongoDB 4.2); never on a standalone server
 * @param pipelineUpdates whether updates may be aggregation pipelines (wire ≥ 8, MongoDB 4.2)
 * @param maxBsonObjectSize the largest document the server stores, in bytes
 * @param maxMessageSizeBytes the largest wire message, in bytes
 * @param maxWriteBatchSize the most write operations one batch may hold
 */
public record MongoCapabilities(String version, String handshake, int maxWireVersion, Topology topology,
        boolean sessions, boolean transactions, boolean pipelineUpdates, int maxBsonObjectSize,
        int maxMessageSizeBytes, int maxWriteBatchSize) {

    /** The wire version of MongoDB 4.2: update pipelines, transactions on sharded clusters. */
    static final int WIRE_4_2 = 8;
    /** The wire version of MongoDB 4.0: transactions on replica sets. */
    static final int WIRE_4_0 = 7;
    /** MongoDB's documented defaults for a handshake answer that leaves a limit out. */
    static final int DEFAULT_MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    static final int DEFAULT_MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    /** The limit before MongoDB 3.6 raised it to 100 000; the safe guess when the server does not say. */
    static final int DEFAULT_MAX_WRITE_BATCH_SIZE = 1000;
    /** MongoDB's error code for an unknown command. */
    private static final int COMMAND_NOT_FOUND = 59;

    /** How the server is deployed, as its handshake answer shows. */
    public enum Topology {
        STANDALONE, REPLICA_SET, SHARDED;

        /** The name as {@code ping} prints it. */
        public String label() {
            return switch (this) {
                case STANDALONE -> "standalone";
                case REPLICA_SET -> "replica set";
                case SHARDED -> "sharded";
            };
        }
    }

    /**
     * Reads the capabilities from a handshake answer and a {@code buildInfo} answer. A {@code hello} answer has
     * {@code isWritablePrimary}, an {@code isMaster} one {@code ismaster}; a router says {@code msg: isdbgrid}, a
     * replica-set member names its {@code setName}.
     */
    public static MongoCapabilities from(Document handshake, Document buildInfo) {
        int wire = number(handshake, "maxWireVersion", 0);
        Topology topology = topology(handshake);
        boolean sessions = handshake.get("logicalSessionTimeoutMinutes") instanceof Number;
        boolean transactions = sessions && (topology == Topology.REPLICA_SET && wire >= WIRE_4_0
                || topology == Topology.SHARDED && wire >= WIRE_4_2);
        return new MongoCapabilities(String.valueOf(buildInfo.get("version", "unknown")),
                handshake.containsKey("isWritablePrimary") ? "hello" : "isMaster", wire, topology, sessions,
                transactions, wire >= WIRE_4_2,
                number(handshake, "maxBsonObjectSize", DEFAULT_MAX_BSON_OBJECT_SIZE),
                number(handshake, "maxMessageSizeBytes", DEFAULT_MAX_MESSAGE_SIZE_BYTES),
                number(handshake, "maxWriteBatchSize", DEFAULT_MAX_WRITE_BATCH_SIZE));
    }

    /** Asks the server: {@code hello}, then {@code isMaster} when it does not know {@code hello}, then {@code buildInfo}. */
    static MongoCapabilities probe(MongoDatabase admin) {
        Document handshake;
        try {
            handshake = admin.runCommand(new Document("hello", 1));
        } catch (MongoCommandException e) {
            if (!isUnknownCommand(e)) {
                throw e;
            }
            handshake = admin.runCommand(new Document("isMaster", 1));
        }
        return from(handshake, admin.runCommand(new Document("buildInfo", 1)));
    }

    /** Whether the server refused a command because it does not know it ({@code CommandNotFound}, code 59). */
    static boolean isUnknownCommand(MongoCommandException e) {
        return e.getErrorCode() == COMMAND_NOT_FOUND || "CommandNotFound".equals(e.getErrorCodeName());
    }

    /** How many writes to put in one batch: {@code wanted}, but never more than the server takes. */
    public int writeBatch(int wanted) {
        return Math.max(1, Math.min(wanted, maxWriteBatchSize));
    }

    private static Topology topology(Document handshake) {
        if ("isdbgrid".equals(handshake.get("msg"))) {
            return Topology.SHARDED;
        }
        return handshake.get("setName") instanceof String ? Topology.REPLICA_SET : Topology.STANDALONE;
    }

    private static int number(Document document, String field, int absent) {
        return document.get(field) instanceof Number n ? n.intValue() : absent;
    }
}
