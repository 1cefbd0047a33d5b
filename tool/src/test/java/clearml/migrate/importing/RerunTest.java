package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.StoredEvents.Stored;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.migrate.undo.JournalReader;
import clearml.migrate.undo.JournalRecord;
import clearml.migrate.undo.JournalRecord.CreatedTaskEvents;
import clearml.migrate.undo.JournalRecord.DeletedEvent;
import clearml.migrate.undo.JournalRecord.Prior;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import run again over itself compares before it writes (issue #14): what the target holds as the import would
 * write it is left alone, so the engine's sequence numbers of the events do not move, the documents stay byte for
 * byte, and the journal records no change; exactly what was changed on the target since is written again. On the
 * genuine ClearML 2.0 archive, through the command line.
 */
@ExtendWith(SandboxExtension.class)
class RerunTest {

    private static final String COMPANY = "4e4e0000000000000000000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox target;
    private final Path archive;
    private JsonNode first;

    @TempDir
    Path work;

    RerunTest(@TargetServer Sandbox target) throws IOException {
        this.target = target;
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"), "clearml-server-2.0.0-rich");
        try (Stream<Path> files = Files.list(dir)) {
            this.archive = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    @BeforeEach
    void importOnce() {
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        StoredEvents.deleteAll(target.elasticUri(), COMPANY);
        first = importAgain("first.jsonl.gz");
        assertThat(first.path("entities").path("task").path("created").asLong()).isPositive();
    }

    @Test
    void aRerunOverItselfWritesNothing() throws IOException {
        Map<String, Long> seqNos = StoredEvents.seqNos(target.elasticUri(), COMPANY);
        StoreSnapshot before = snapshot();

        JsonNode again = importAgain("again.jsonl.gz");

        assertThat(StoredEvents.seqNos(target.elasticUri(), COMPANY)).isEqualTo(seqNos);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(changes("again.jsonl.gz")).isEmpty();
        JsonNode unchanged = again.path("unchanged");
        assertThat(unchanged.path("tasks").asLong()).isEqualTo(first.path("entities").path("task").path("created").asLong());
        assertThat(unchanged.path("models").asLong()).isEqualTo(first.path("entities").path("model").path("created").asLong());
        assertThat(unchanged.path("projects").asLong()).isEqualTo(first.path("entities").path("project").path("created").asLong());
        assertThat(unchanged.path("events").asLong()).isEqualTo(seqNos.size());
        assertThat(again.path("entities").path("task").path("overwritten").asLong()).isZero();
    }

    @Test
    void aRerunAfterOneEventWasDeletedReplacesExactlyThatTasksEvents() throws IOException {
        Stored victim = someEventOfATaskWithSeveralEvents();
        StoredEvents.delete(target.elasticUri(), victim.index(), victim.id());

        assertReplacesExactlyTheEventsOf(victim);
    }

    @Test
    void aRerunAfterOneEventChangedReplacesExactlyThatTasksEvents() throws IOException {
        Stored victim = someEventOfATaskWithSeveralEvents();
        ObjectNode changed = victim.source().deepCopy().put("worker", "changed on the target");
        StoredEvents.put(target.elasticUri(), victim.index(), victim.id(), changed);

        assertReplacesExactlyTheEventsOf(victim);
    }

    @Test
    void aRerunAfterOneEventWasAddedReplacesExactlyThatTasksEventsAndDropsTheAddedOne() throws IOException {
        Stored model = someEventOfATaskWithSeveralEvents();
        String added = "added-on-the-target";
        StoredEvents.put(target.elasticUri(), model.index(), added, model.source().deepCopy().put("iter", 999_999));

        assertReplacesExactlyTheEventsOf(model);
        assertThat(StoredEvents.of(target.elasticUri(), COMPANY).values()).extracting(Stored::id).doesNotContain(added);
    }

    @Test
    void aRerunAfterOneDocumentFieldChangedRewritesExactlyThatDocument() throws IOException {
        StoreSnapshot imported = snapshot();
        Map<String, Long> seqNos = StoredEvents.seqNos(target.elasticUri(), COMPANY);
        String taskId;
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            var tasks = mongo.getDatabase("backend").getCollection("task");
            taskId = String.valueOf(tasks.find().first().get("_id"));
            tasks.updateOne(Filters.eq("_id", taskId), Updates.set("comment", "changed on the target"));
        }

        importAgain("again.jsonl.gz");

        assertThat(snapshot()).isEqualTo(imported);
        assertThat(StoredEvents.seqNos(target.elasticUri(), COMPANY)).isEqualTo(seqNos);
        List<JournalRecord> changes = changes("again.jsonl.gz");
        assertThat(changes).hasSize(1).first().isInstanceOfSatisfying(Prior.class, prior -> {
            assertThat(prior.collection()).isEqualTo("task");
            assertThat(prior.document().get("_id")).isEqualTo(taskId);
        });
    }

    private void assertReplacesExactlyTheEventsOf(Stored victim) throws IOException {
        String task = victim.source().path("task").asText();
        Map<String, Long> before = StoredEvents.seqNos(target.elasticUri(), COMPANY);
        Map<String, List<String>> documents = snapshot().documents();

        importAgain("again.jsonl.gz");

        Map<String, Long> after = StoredEvents.seqNos(target.elasticUri(), COMPANY);
        Set<String> written = after.keySet().stream().filter(key -> !after.get(key).equals(before.get(key)))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ofTheTask = StoredEvents.of(target.elasticUri(), COMPANY).values().stream()
                .filter(event -> event.source().path("task").asText().equals(task))
                .map(event -> event.index() + "/" + event.id()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(written).isEqualTo(ofTheTask).contains(victim.index() + "/" + victim.id());
        assertThat(snapshot().documents()).isEqualTo(documents);
        List<JournalRecord> changes = changes("again.jsonl.gz");
        assertThat(changes).filteredOn(CreatedTaskEvents.class::isInstance)
                .containsExactly(new CreatedTaskEvents(COMPANY, List.of(task)));
        assertThat(changes).allMatch(r -> r instanceof CreatedTaskEvents || r instanceof DeletedEvent);
    }

    /** An event of the task with the most events, as stored after the first import. */
    private Stored someEventOfATaskWithSeveralEvents() {
        Map<String, List<Stored>> byTask = StoredEvents.of(target.elasticUri(), COMPANY).values().stream()
                .collect(Collectors.groupingBy(event -> event.source().path("task").asText()));
        List<Stored> events = byTask.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        assertThat(events).hasSizeGreaterThan(1);
        return events.get(events.size() / 2);
    }

    private JsonNode importAgain(String journal) {
        CliRun run = CliRun.exactly("import", archive.toString(), "--company", COMPANY, "--user", "owner-1", "--json",
                "--undo-log", work.resolve(journal).toString(), "--no-progress",
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError(run.out(), e);
        }
    }

    /** The journal's records of changes: all but its header and its commit. */
    private List<JournalRecord> changes(String journal) {
        List<JournalRecord> changes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(work.resolve(journal))) {
            reader.forEachRemaining(record -> {
                if (!(record instanceof JournalRecord.Header) && !(record instanceof JournalRecord.Committed)) {
                    changes.add(record);
                }
            });
        }
        return changes;
    }

    private StoreSnapshot snapshot() {
        return StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir());
    }
}
