package clearml.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class SandboxExtensionTest {

    @Test
    void resolvesSourceAndTargetAsSeparateServers(Sandbox source, @TargetServer Sandbox target) {
        assertThat(source.mongoUri()).isNotEqualTo(target.mongoUri());
        assertThat(source.elasticUri()).isNotEqualTo(target.elasticUri());
        assertThat(source.fileserverDir()).isNotEqualTo(target.fileserverDir()).isDirectory();
        assertThat(target.fileserverDir()).isDirectory();
        assertThat(source.fileserverUrl()).isEqualTo("http://localhost:8081");
        assertThat(target.fileserverUrl()).isEqualTo("http://files.target.local:8081");
    }

    @Test
    void bothServersAnswerMongoAndOpenSearch(Sandbox source, @TargetServer Sandbox target) {
        for (Sandbox sandbox : new Sandbox[] {source, target}) {
            assertThat(buildVersion(sandbox)).isEqualTo("5.0.0");
            assertThat(new ElasticHttp(sandbox.elasticUri()).get("/").at("/version/distribution").asText())
                    .isEqualTo("opensearch");
        }
    }

    @Test
    void sharesOneSourceSandboxPerJvm(Sandbox first, Sandbox second, @TargetServer Sandbox target) {
        assertThat(first).isSameAs(second).isNotSameAs(target);
    }

    private static String buildVersion(Sandbox sandbox) {
        try (MongoClient client = MongoClients.create(sandbox.mongoUri())) {
            return client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version");
        }
    }
}
