package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.mongo.MongoCapabilities.Topology;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import com.mongodb.MongoCommandException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ClearmlMongo#capabilities()} against the live sandbox (mongo-java-server), which lacks what real MongoDB
 * has: the {@code hello} command, sessions, transactions and, despite its wire version, pipeline updates
 * (test-infra.md §1).
 */
@ExtendWith(SandboxExtension.class)
class MongoCapabilitiesSandboxTest {

    @Test
    void fallsBackToIsMasterOnAServerWithoutHello(Sandbox sandbox) {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(sandbox.mongoUri(), null, null))) {
            assertThatThrownBy(() -> mongo.backend().runCommand(new Document("hello", 1)))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            e -> assertThat(MongoCapabilities.isUnknownCommand(e)).isTrue());

            MongoCapabilities capabilities = mongo.capabilities();

            assertThat(capabilities.handshake()).isEqualTo("isMaster");
            assertThat(capabilities.version()).isEqualTo(mongo.serverVersion());
        }
    }

    @Test
    void reportsAStandaloneServerWithoutSessionsOrTransactions(Sandbox sandbox) {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(sandbox.mongoUri(), null, null))) {
            MongoCapabilities capabilities = mongo.capabilities();

            assertThat(capabilities.topology()).isEqualTo(Topology.STANDALONE);
            assertThat(capabilities.sessions()).isFalse();
            assertThat(capabilities.transactions()).isFalse();
            assertThat(capabilities.maxBsonObjectSize()).isEqualTo(16 * 1024 * 1024);
            assertThat(capabilities.maxWriteBatchSize()).isPositive();
            assertThat(capabilities.maxMessageSizeBytes()).isGreaterThan(capabilities.maxBsonObjectSize());
        }
    }

    @Test
    void asksTheServerOnlyOnce(Sandbox sandbox) {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(sandbox.mongoUri(), null, null))) {
            assertThat(mongo.capabilities()).isSameAs(mongo.capabilities());
        }
    }
}
