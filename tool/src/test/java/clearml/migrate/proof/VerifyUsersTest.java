package clearml.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.SmallArchive;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --users} after {@code import --users}: owners follow the user mapping (an archived user whose
 * e-mail a target user has becomes that user, data model §5.2), and a missing user is named.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class VerifyUsersTest {

    private static final String COMPANY = "c0mpany0000000000000000000000009";

    private final Sandbox target;
    private final Path archive;

    VerifyUsersTest(@TargetServer Sandbox target, @TempDir Path dir) {
        this.target = target;
        this.archive = SmallArchive.builder().raw("users.json", "{\n\"auth\": [\n"
                + "{\"_id\": \"u-dana\", \"name\": \"Dana\", \"role\": \"admin\", \"company\": \"\","
                + " \"email\": \"dana@acme.io\", \"credentials\": [{\"key\": \"K1\", \"secret\": \"S1\"}]},\n"
                + "{\"_id\": \"u-eli\", \"name\": \"Eli\", \"role\": \"user\", \"company\": \"\","
                + " \"email\": \"eli@acme.io\"}\n],\n\"backend\": [\n"
                + "{\"_id\": \"u-dana\", \"company\": \"\", \"name\": \"Dana\"},\n"
                + "{\"_id\": \"u-eli\", \"company\": \"\", \"name\": \"Eli\"}\n]\n}").writeTo(dir, "users.zip");
    }

    @BeforeEach
    void targetAlreadyHasEliUnderAnotherId() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        mongo(m -> {
            m.getDatabase("auth").getCollection("user").insertOne(new Document("_id", "eli-target")
                    .append("name", "Eli").append("email", "eli@acme.io").append("company", COMPANY));
            m.getDatabase("backend").getCollection("user").insertOne(new Document("_id", "eli-target")
                    .append("name", "Eli").append("company", COMPANY));
        });
        CliRun run = CliRun.run(withConnection("import", archive.toString(), "--company", COMPANY, "--users"));
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void equalWithTheSameFlagsAndOwnersMappedByEmail() {
        CliRun run = CliRun.run(withConnection("verify", archive.toString(), "--company", COMPANY, "--users"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.out()).containsPattern("users\\s+2");
    }

    @Test
    void withoutUsersTheMappedOwnersDiffer() {
        CliRun run = CliRun.run(withConnection("verify", archive.toString(), "--company", COMPANY));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("task " + SmallArchive.SUB_TASK + " field user: archive \"__allegroai__\" ≠"
                + " target \"eli-target\"");
    }

    @Test
    void aMissingUserIsNamed() {
        mongo(m -> m.getDatabase("backend").getCollection("user").deleteOne(Filters.eq("_id", "u-dana")));

        CliRun run = CliRun.run(withConnection("verify", archive.toString(), "--company", COMPANY, "--users"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("user u-dana missing from the target");
    }

    private String[] withConnection(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(),
                "--no-progress"));
        return all.toArray(String[]::new);
    }

    private void mongo(java.util.function.Consumer<MongoClient> action) {
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            action.accept(mongo);
        }
    }
}
