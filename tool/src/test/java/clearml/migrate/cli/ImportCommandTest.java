package clearml.migrate.cli;

import static clearml.migrate.importing.SmallArchive.MODEL;
import static clearml.migrate.importing.SmallArchive.ROOT;
import static clearml.migrate.importing.SmallArchive.ROOT_TASK;
import static clearml.migrate.importing.SmallArchive.SUB;
import static clearml.migrate.importing.SmallArchive.SUB_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.SmallArchive;
import clearml.migrate.importing.StoredEvents;
import clearml.migrate.importing.TargetState;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The rules of {@code clearml-migrate import}, through the command line against the target sandbox. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ImportCommandTest {

    private static final String COMPANY = "c0mpany0000000000000000000000001";

    /** The target is a ClearML server that has started once: import refuses a MongoDB without its database. */
    @BeforeEach
    void serverStartedOnce(@TargetServer Sandbox target) {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
    }

    private final Sandbox target;
    private final Path archive;

    ImportCommandTest(@TargetServer Sandbox target, @TempDir Path dir) {
        this.target = target;
        this.archive = SmallArchive.write(dir);
    }

    private CliRun importing(String... flags) {
        List<String> args = new ArrayList<>(List.of("import", archive.toString(), "--mongo-host", target.mongoUri(),
                "--elastic-host", target.elasticUri().toString(), "--no-progress"));
        args.addAll(List.of(flags));
        return CliRun.run(args.toArray(String[]::new));
    }

    private CliRun importingOk(String... flags) {
        CliRun run = importing(flags);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    private TargetState state(String company) {
        return TargetState.of(target.mongoUri(), target.elasticUri(), company);
    }

    private void mongo(java.util.function.Consumer<MongoClient> action) {
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            action.accept(mongo);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withoutCompanyTheDataBecomesPublicAndTheCommandSaysSo() {
        CliRun run = importingOk();
        String said = "No --company: the data becomes public, read-only \"Examples\"";
        assertThat(run.err()).contains(said);
        assertThat(run.err().indexOf(said)).as("said once").isEqualTo(run.err().lastIndexOf(said));
        TargetState state = state("");
        assertThat(state.documents("backend.task")).extracting(d -> d.get("company")).containsOnly("");
        assertThat(state.documents("backend.project")).extracting(d -> d.get("company")).containsOnly("");
        assertThat(state.events().values()).extracting(StoredEvents.Stored::index)
                .contains("events-training_stats_scalar-", "events-log-", "events-training_debug_image-");
    }

    @Test
    void companyGetsEveryEntityAndEventAndNoPublicNotice() {
        CliRun run = importingOk("--company", COMPANY);
        assertThat(run.err()).doesNotContain("public")
                .containsPattern("undo journal: (\\S+\\.undo[^ ]*\\.jsonl\\.gz) \\(to take this back: clearml-migrate undo \\1\\)");
        TargetState state = state(COMPANY);
        for (String collection : List.of("backend.project", "backend.task", "backend.model")) {
            assertThat(state.documents(collection)).extracting(d -> d.get("company")).containsOnly(COMPANY);
        }
        assertThat(state.events()).hasSize(4);
        assertThat(state.events().values()).allSatisfy(e -> {
            assertThat(e.index()).endsWith("-" + COMPANY);
            assertThat(e.source().get("company_id").asText()).isEqualTo(COMPANY);
        });
    }

    @Test
    void givenUserOwnsEveryUnmappedEntityAndIsCreatedAsClearmlDoes() {
        importingOk("--company", COMPANY, "--user", "owner-1");
        TargetState state = state(COMPANY);
        assertThat(state.documents("backend.task")).extracting(d -> d.get("user")).containsOnly("owner-1");
        assertThat(state.documents("backend.model")).extracting(d -> d.get("user")).containsOnly("owner-1");
        assertThat(state.documents("backend.user")).containsExactly(new Document("_id", "owner-1")
                .append("name", "owner-1").append("company", COMPANY).append("preferences", ""));
        assertThat(state.documents("auth.user")).isEmpty();
    }

    @Test
    void anExistingOwnerIsLeftAsItIs() {
        Document dana = new Document("_id", "owner-1").append("company", COMPANY).append("name", "Dana")
                .append("given_name", "Dana");
        mongo(m -> m.getDatabase("backend").getCollection("user").insertOne(dana));
        importingOk("--company", COMPANY, "--user", "owner-1");
        assertThat(state(COMPANY).documents("backend.user")).containsExactly(dana);
    }

    @Test
    void reimportingTheSameArchiveConvergesToTheSameState() {
        importingOk("--company", COMPANY, "--user", "owner-1");
        TargetState first = state(COMPANY);
        mongo(m -> m.getDatabase("backend").getCollection("task")
                .updateOne(Filters.eq("_id", SUB_TASK), Updates.set("name", "edited in the target")));
        importingOk("--company", COMPANY, "--user", "owner-1");
        assertThat(state(COMPANY)).isEqualTo(first);
    }

    @Test
    void overwriteReplacesTheWholeDocumentAndDeletesTheTasksOtherEvents() {
        importingOk("--company", COMPANY);
        mongo(m -> m.getDatabase("backend").getCollection("task")
                .updateOne(Filters.eq("_id", SUB_TASK), Updates.set("extra_field", 1)));
        String stray = "{\"task\":\"" + SUB_TASK + "\",\"type\":\"training_stats_scalar\",\"iter\":99,"
                + "\"metric\":\"m\",\"variant\":\"v\",\"value\":1,\"timestamp\":1}";
        TestEvents.index(target.elasticUri(), "events-training_stats_scalar-" + COMPANY, "stray", stray);
        importingOk("--company", COMPANY);
        TargetState state = state(COMPANY);
        assertThat(state.document("backend.task", SUB_TASK)).doesNotContainKey("extra_field");
        assertThat(state.events()).doesNotContainKey("stray").hasSize(4);
    }

    @Test
    void skipKeepsExistingEntitiesAndTheirEvents() {
        importingOk("--company", COMPANY);
        mongo(m -> m.getDatabase("backend").getCollection("task").deleteOne(Filters.eq("_id", ROOT_TASK)));
        mongo(m -> m.getDatabase("backend").getCollection("task")
                .updateOne(Filters.eq("_id", SUB_TASK), Updates.set("name", "kept")));
        String stray = "{\"task\":\"" + SUB_TASK + "\",\"type\":\"training_stats_scalar\",\"iter\":99,"
                + "\"metric\":\"m\",\"variant\":\"v\",\"value\":1,\"timestamp\":1}";
        TestEvents.index(target.elasticUri(), "events-training_stats_scalar-" + COMPANY, "stray", stray);
        CliRun run = importingOk("--company", COMPANY, "--on-conflict", "skip", "--json");
        TargetState state = state(COMPANY);
        assertThat(state.document("backend.task", SUB_TASK).get("name")).isEqualTo("kept");
        assertThat(state.document("backend.task", ROOT_TASK)).isNotNull();
        assertThat(state.events()).containsKey("stray").hasSize(5);
        com.fasterxml.jackson.databind.JsonNode tasks = json(run.out()).path("entities").path("task");
        assertThat(tasks.path("created").asLong()).isEqualTo(1);
        assertThat(tasks.path("skipped").asLong()).isEqualTo(1);
        assertThat(json(run.out()).path("eventsSkipped").asLong()).isEqualTo(4);
    }

    @Test
    void failRefusesAConflictBeforeWritingAnything() {
        importingOk("--company", COMPANY);
        mongo(m -> m.getDatabase("backend").getCollection("task").deleteOne(Filters.eq("_id", ROOT_TASK)));
        TargetState before = state(COMPANY);
        CliRun run = importing("--company", COMPANY, "--on-conflict", "fail");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err().strip()).doesNotContain("\n").contains("conflict(s) with the target", SUB_TASK,
                "nothing was written");
        assertThat(state(COMPANY)).isEqualTo(before);
    }

    @Test
    void sameNameProjectIsMergedByDefaultAndLeftUnchanged() {
        Document existing = new Document("_id", "e0000000000000000000000000000001").append("company", COMPANY)
                .append("user", "someone").append("name", "Team").append("basename", "Team")
                .append("description", "mine").append("path", List.of());
        mongo(m -> m.getDatabase("backend").getCollection("project").insertOne(existing));
        importingOk("--company", COMPANY);
        TargetState state = state(COMPANY);
        assertThat(state.document("backend.project", ROOT)).isNull();
        assertThat(state.document("backend.project", existing.getString("_id"))).isEqualTo(existing);
        Document sub = state.document("backend.project", SUB);
        assertThat(sub.get("parent")).isEqualTo(existing.get("_id"));
        assertThat(sub.get("path")).isEqualTo(List.of(existing.get("_id")));
        assertThat(state.document("backend.task", ROOT_TASK).get("project")).isEqualTo(existing.get("_id"));
        assertThat(state.document("backend.task", SUB_TASK).get("project")).isEqualTo(SUB);
    }

    @Test
    void renameExistingRenamesTheOtherProjectAsClearmlDoes() {
        Document existing = new Document("_id", "e0000000000000000000000000000001").append("company", COMPANY)
                .append("name", "Team").append("basename", "Team").append("path", List.of());
        mongo(m -> m.getDatabase("backend").getCollection("project").insertOne(existing));
        importingOk("--company", COMPANY, "--on-project-name", "rename-existing");
        TargetState state = state(COMPANY);
        Document renamed = state.document("backend.project", existing.getString("_id"));
        assertThat(renamed.getString("name")).matches("Team_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}");
        assertThat(renamed.getString("basename")).isEqualTo("Team");
        assertThat(state.document("backend.project", ROOT).get("name")).isEqualTo("Team");
    }

    @Test
    void sameNameUnderFailRefusesBeforeWriting() {
        Document existing = new Document("_id", "e0000000000000000000000000000001").append("company", COMPANY)
                .append("name", "Team/Sub").append("basename", "Sub");
        mongo(m -> m.getDatabase("backend").getCollection("project").insertOne(existing));
        CliRun run = importing("--company", COMPANY, "--on-project-name", "fail");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).contains("project name 'Team/Sub' is taken");
        TargetState state = state(COMPANY);
        assertThat(state.documents("backend.project")).containsExactly(existing);
        assertThat(state.documents("backend.task")).isEmpty();
        assertThat(state.events()).isEmpty();
    }

    @Test
    void sameNameInAnotherCompanyIsNoConflict() {
        Document other = new Document("_id", "e0000000000000000000000000000001").append("company", "other")
                .append("name", "Team").append("basename", "Team");
        mongo(m -> m.getDatabase("backend").getCollection("project").insertOne(other));
        importingOk("--company", COMPANY, "--on-project-name", "fail");
        assertThat(state(COMPANY).document("backend.project", ROOT)).isNotNull();
    }

    @Test
    void newIdsRemapsEveryReferenceStructurally() {
        importingOk("--company", COMPANY, "--new-ids");
        TargetState state = state(COMPANY);
        assertThat(state.documents("backend.project")).hasSize(2).noneMatch(p -> List.of(ROOT, SUB).contains(p.get("_id")));
        Document root = state.documents("backend.project").stream().filter(p -> p.get("name").equals("Team")).findFirst().orElseThrow();
        Document sub = state.documents("backend.project").stream().filter(p -> p.get("name").equals("Team/Sub")).findFirst().orElseThrow();
        assertThat(sub.get("parent")).isEqualTo(root.get("_id"));
        assertThat(sub.get("path")).isEqualTo(List.of(root.get("_id")));
        Document prepare = state.documents("backend.task").stream().filter(t -> t.get("name").equals("prepare")).findFirst().orElseThrow();
        Document train = state.documents("backend.task").stream().filter(t -> t.get("name").equals("train")).findFirst().orElseThrow();
        Document model = state.documents("backend.model").get(0);
        assertThat(List.of(prepare.get("_id"), train.get("_id"), model.get("_id"))).doesNotContain(ROOT_TASK, SUB_TASK, MODEL)
                .allSatisfy(id -> assertThat((String) id).matches("[0-9a-f]{32}"));
        assertThat(prepare.get("project")).isEqualTo(root.get("_id"));
        assertThat(train.get("project")).isEqualTo(sub.get("_id"));
        assertThat(train.get("parent")).isEqualTo(prepare.get("_id"));
        assertThat(train.get("models", Document.class).getList("output", Document.class).get(0).get("model"))
                .isEqualTo(model.get("_id"));
        assertThat(model.get("task")).isEqualTo(train.get("_id"));
        assertThat(model.get("project")).isEqualTo(sub.get("_id"));
        assertThat(train.get("hyperparams", Document.class).get("Args", Document.class).get("source", Document.class)
                .get("value")).as("a value equal to an old id is not a reference").isEqualTo(ROOT_TASK);
        assertThat(state.events().values()).hasSize(4)
                .allSatisfy(e -> assertThat(e.source().get("task").asText()).isEqualTo(train.get("_id")));
    }

    @Test
    void urlMapRewritesLinksOnTheWayIn() {
        CliRun run = importingOk("--company", COMPANY, "--url-map", "http://localhost:8081=https://files.new.io");
        TargetState state = state(COMPANY);
        assertThat(state.document("backend.model", MODEL).getString("uri"))
                .isEqualTo("https://files.new.io/Team/Sub/train." + SUB_TASK + "/models/w.pt");
        assertThat(state.events().values()).filteredOn(e -> e.source().has("url"))
                .singleElement().satisfies(e -> assertThat(e.source().get("url").asText())
                        .startsWith("https://files.new.io/Team/Sub/"));
        assertThat(run.out()).contains("links rewritten");
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        importingOk("--company", COMPANY);
        mongo(m -> m.getDatabase("backend").getCollection("task").deleteOne(Filters.eq("_id", ROOT_TASK)));
        TargetState before = state(COMPANY);
        CliRun run = importingOk("--company", COMPANY, "--dry-run");
        assertThat(state(COMPANY)).isEqualTo(before);
        assertThat(run.out()).contains("Dry run: nothing was written")
                .containsPattern("projects\\s+0\\s+2\\s+0\\s+0")
                .containsPattern("models\\s+0\\s+1\\s+0\\s+0")
                .containsPattern("tasks\\s+1\\s+1\\s+0\\s+0")
                .containsPattern("training_stats_scalar\\s+2");
    }

    @Test
    void usersAreMatchedByEmailOrCreatedAndOwnTheirEntities(@TempDir Path dir) {
        Document existingAuth = new Document("_id", "x-eli").append("name", "Eli (target)").append("company", COMPANY)
                .append("email", "eli@acme.io").append("role", "user");
        mongo(m -> m.getDatabase("auth").getCollection("user").insertOne(existingAuth));
        Path withUsers = SmallArchive.builder().raw("users.json", "{\n\"auth\": [\n"
                + "{\"_id\": \"u-dana\", \"name\": \"Dana\", \"role\": \"admin\", \"company\": \"\","
                + " \"credentials\": [{\"key\": \"K1\", \"secret\": \"S1\"}], \"email\": \"dana@acme.io\"},\n"
                + "{\"_id\": \"u-eli\", \"name\": \"Eli\", \"role\": \"user\", \"company\": \"\","
                + " \"email\": \"eli@acme.io\"}\n],\n\"backend\": [\n"
                + "{\"_id\": \"u-dana\", \"company\": \"\", \"name\": \"Dana\", \"given_name\": \"Dana\"}\n]\n}")
                .writeTo(dir, "users.zip");
        CliRun run = CliRun.run("import", withUsers.toString(), "--company", COMPANY, "--users", "--user", "owner-1",
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("S1");
        TargetState state = state(COMPANY);
        assertThat(state.document("backend.project", ROOT).get("user")).isEqualTo("u-dana");
        assertThat(state.document("backend.task", SUB_TASK).get("user")).as("matched by e-mail").isEqualTo("x-eli");
        assertThat(state.document("auth.user", "u-dana")).isEqualTo(new Document("_id", "u-dana").append("name", "Dana")
                .append("role", "admin").append("company", COMPANY)
                .append("credentials", List.of(new Document("key", "K1").append("secret", "S1")))
                .append("email", "dana@acme.io"));
        assertThat(state.document("auth.user", "x-eli")).isEqualTo(existingAuth);
        assertThat(state.document("backend.user", "u-dana")).isEqualTo(new Document("_id", "u-dana")
                .append("company", COMPANY).append("name", "Dana").append("given_name", "Dana")
                .append("preferences", ""));
    }

    @Test
    void legacyArchiveIsUpgradedItsKeysEscapedAndClearmlsSaveDefaultsFilled(@TempDir Path dir) {
        Path legacy = new clearml.migrate.importing.TestArchive()
                .models("{\"_id\": \"m-old\", \"company\": \"\", \"user\": \"\", \"name\": \"old model\","
                        + " \"uri\": \"\", \"ready\": true, \"metadata\": [{\"key\": \"data.set\", \"type\": \"str\","
                        + " \"value\": \"coco\"}]}")
                .projects("{\"_id\": \"p-old\", \"company\": \"\", \"user\": \"\", \"name\": \"Old/Flat\"}")
                .tasks("{\"_id\": \"t-old\", \"company\": \"\", \"user\": \"\", \"name\": \"old run\","
                        + " \"type\": \"training\", \"status\": \"published\", \"project\": \"p-old\","
                        + " \"last_update\": {\"$date\": 1500000000000},"
                        + " \"execution\": {\"parameters\": {\"TF_DEFINE/lr\": 0.001, \"epochs\": 10},"
                        + " \"model_desc\": {\"net.prototxt\": \"layer {}\"}, \"model\": \"m-in\","
                        + " \"model_labels\": {\"car.front\": 1, \"_bg\": 0},"
                        + " \"docker_cmd\": \"nvidia/cuda:9 --ipc=host\","
                        + " \"artifacts\": [{\"key\": \"data.csv\", \"type\": \"custom\", \"mode\": \"output\","
                        + " \"uri\": \"u\", \"content_size\": 11, \"timestamp\": 1500000000}]},"
                        + " \"output\": {\"model\": \"m-old\"}}")
                .writeTo(dir, "legacy.zip");
        CliRun run = CliRun.run("import", legacy.toString(), "--company", COMPANY, "--mongo-host", target.mongoUri(),
                "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
        TargetState state = state(COMPANY);
        assertThat(state.document("backend.project", "p-old").get("basename")).isEqualTo("Flat");
        assertThat(state.document("backend.model", "m-old").get("metadata")).isEqualTo(Document.parse(
                "{\"data%2Eset\": {\"key\": \"data.set\", \"type\": \"str\", \"value\": \"coco\"}}"));
        Document task = state.document("backend.task", "t-old");
        assertThat(task).isEqualTo(Document.parse(("""
                {"_id": "t-old", "company": "%s", "user": "__allegroai__", "name": "old run", "type": "training",
                 "status": "published", "project": "p-old", "last_update": {"$date": 1500000000000},
                 "execution": {"parameters": {}, "model_desc": {}, "model_labels": {"car%%2Efront": 1, "%%_bg": 0},
                   "artifacts": {"b87775cb83cbf0511096cfb67074662a_output": {"key": "data.csv", "type": "custom",
                     "mode": "output", "uri": "u", "content_size": {"$numberLong": "11"},
                     "timestamp": {"$numberLong": "1500000000"}, "display_data": []}}, "test_split": 0},
                 "output": {},
                 "report_assets": [], "tags": [], "system_tags": [], "last_iteration": 0, "last_metrics": {},
                 "unique_metrics": [], "metric_stats": {}, "runtime": {},
                 "script": {"binary": "python", "repository": "", "entry_point": "", "requirements": {}},
                 "hyperparams": {"TF_DEFINE": {"lr": {"section": "TF_DEFINE", "name": "lr", "value": "0.001", "type": "legacy"}},
                                 "Args": {"epochs": {"section": "Args", "name": "epochs", "value": "10", "type": "legacy"}}},
                 "configuration": {"net%%2Eprototxt": {"name": "net.prototxt", "value": "layer {}", "type": "legacy"}},
                 "models": {"input": [{"model": "m-in", "name": "Input Model", "updated": {"$date": 1500000000000}}],
                            "output": [{"model": "m-old", "name": "Output Model", "updated": {"$date": 1500000000000}}]},
                 "container": {"image": "nvidia/cuda:9", "arguments": "--ipc=host"}}""").formatted(COMPANY)));
    }

    @Test
    void artifactsCompanionIsExtractedIntoTheGivenDirectory(@TempDir Path files) throws Exception {
        Path genuine = ImportFixturesTest.fixture("clearml-server-2.0.0");
        CliRun run = CliRun.run("import", genuine.toString(), "--company", COMPANY, "--artifacts-to", files.toString(),
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> companion = clearml.migrate.importing.ArchiveLines.entries(
                genuine.resolveSibling(genuine.getFileName().toString().replace(".zip", ".artifacts")));
        assertThat(companion).isNotEmpty();
        companion.stream().filter(name -> !name.endsWith("/"))
                .forEach(name -> assertThat(files.resolve(name)).isRegularFile());
        assertThat(run.out()).containsPattern("artifact files\\s+" + companion.stream().filter(n -> !n.endsWith("/")).count());
    }
}
