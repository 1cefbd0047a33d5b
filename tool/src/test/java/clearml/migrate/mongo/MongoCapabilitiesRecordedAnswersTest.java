package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.mongo.MongoCapabilities.Topology;
import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link MongoCapabilities#from} on handshake and {@code buildInfo} answers of MongoDB 4.4 and 7.0 that are
 * <b>recorded, not live</b>: no real MongoDB runs here, so the answers the MongoDB manual documents are kept in
 * {@code src/test/resources/clearml/migrate/mongo/recorded/} (see the README there). The live sandbox is covered by
 * {@code MongoCapabilitiesSandboxTest}.
 */
class MongoCapabilitiesRecordedAnswersTest {

    private static final int MIB_16 = 16 * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // handshake answer,                       buildInfo,                     version, command,  wire, topology,    sessions, transactions
        "mongodb-4.4.1-ismaster-standalone.json,   mongodb-4.4.1-buildinfo.json,  4.4.1,   isMaster, 9,    STANDALONE,  true,     false",
        "mongodb-4.4.29-hello-replica-set.json,    mongodb-4.4.29-buildinfo.json, 4.4.29,  hello,    9,    REPLICA_SET, true,     true",
        "mongodb-7.0-hello-standalone.json,        mongodb-7.0-buildinfo.json,    7.0.14,  hello,    21,   STANDALONE,  true,     false",
        "mongodb-7.0-hello-replica-set.json,       mongodb-7.0-buildinfo.json,    7.0.14,  hello,    21,   REPLICA_SET, true,     true",
        "mongodb-7.0-hello-mongos.json,            mongodb-7.0-buildinfo.json,    7.0.14,  hello,    21,   SHARDED,     true,     true",
    })
    void readsWhatARealServerCanDo(String handshake, String buildInfo, String version, String command, int wire,
            Topology topology, boolean sessions, boolean transactions) {
        MongoCapabilities capabilities = MongoCapabilities.from(recorded(handshake), recorded(buildInfo));

        assertThat(capabilities).isEqualTo(new MongoCapabilities(version, command, wire, topology, sessions,
                transactions, true, MIB_16, 48_000_000, 100_000));
    }

    @Test
    void recognisesTheAnswerOfAServerWithoutHello() {
        MongoCommandException refused = new MongoCommandException(
                BsonDocument.parse(text("mongodb-4.4.1-hello-unknown.json")), new ServerAddress("mongo1", 27017));

        assertThat(MongoCapabilities.isUnknownCommand(refused)).isTrue();
    }

    @Test
    void takesNoOtherRefusalForAnUnknownCommand() {
        MongoCommandException unauthorized = new MongoCommandException(BsonDocument.parse(
                "{ok: 0.0, errmsg: 'command hello requires authentication', code: 13, codeName: 'Unauthorized'}"),
                new ServerAddress("mongo1", 27017));

        assertThat(MongoCapabilities.isUnknownCommand(unauthorized)).isFalse();
    }

    @ParameterizedTest(name = "maxWireVersion {0}")
    @CsvSource({"6, false", "7, false", "8, true", "9, true", "21, true"})
    void allowsUpdatePipelinesFromWireVersionEight(int wire, boolean pipelines) {
        Document handshake = recorded("mongodb-7.0-hello-standalone.json").append("maxWireVersion", wire);

        assertThat(MongoCapabilities.from(handshake, recorded("mongodb-7.0-buildinfo.json")).pipelineUpdates())
                .isEqualTo(pipelines);
    }

    @Test
    void assumesMongodbsDocumentedDefaultsForLimitsLeftOut() {
        Document bare = new Document("ismaster", true).append("maxWireVersion", 6).append("ok", 1.0);

        MongoCapabilities capabilities = MongoCapabilities.from(bare, new Document());

        assertThat(capabilities).isEqualTo(new MongoCapabilities("unknown", "isMaster", 6, Topology.STANDALONE, false,
                false, false, MIB_16, 48_000_000, 1000));
    }

    @ParameterizedTest(name = "want {0}, server takes {1}")
    @CsvSource({"500, 100000, 500", "500, 1000, 500", "500, 200, 200", "0, 100000, 1"})
    void sizesAWriteBatchWithinTheServersLimit(int wanted, int serverLimit, int batch) {
        Document handshake = recorded("mongodb-7.0-hello-standalone.json").append("maxWriteBatchSize", serverLimit);

        assertThat(MongoCapabilities.from(handshake, new Document()).writeBatch(wanted)).isEqualTo(batch);
    }

    private static Document recorded(String file) {
        return Document.parse(text(file));
    }

    private static String text(String file) {
        try (InputStream in = MongoCapabilitiesRecordedAnswersTest.class.getResourceAsStream("recorded/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No recorded MongoDB answer " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
