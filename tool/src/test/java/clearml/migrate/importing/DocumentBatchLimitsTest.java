package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoCapabilities;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.undo.JournalRecord.Header;
import clearml.migrate.undo.UndoJournal;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link DocumentBatch} sizes its writes by the limits the live sandbox MongoDB reports, not by fixed numbers. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class DocumentBatchLimitsTest {

    private static final Header HEADER = new Header("import", Map.of(), Instant.parse("2026-11-24T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void refusesADocumentOverTheServersLimitNamingItAndWritesNothingOfIt(Sandbox sandbox) {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(sandbox.mongoUri(), null, null));
             UndoJournal journal = UndoJournal.create(dir.resolve("j.undo.jsonl.gz"), HEADER)) {
            MongoCollection<Document> tasks = mongo.backend().getCollection("task");
            DocumentBatch batch = new DocumentBatch(mongo, journal, tasks);
            int limit = mongo.capabilities().maxBsonObjectSize();
            // BSON size: 4 (length) + 14 (_id "huge") + 13 + limit ("script" string) + 1 (end) = limit + 32

            batch.replace(new Document("_id", "small"));
            assertThatThrownBy(() -> batch.replace(new Document("_id", "huge").append("script", "x".repeat(limit))))
                    .isInstanceOf(StoreRequestException.class)
                    .hasMessage("The target MongoDB stores documents of at most 16,777,216 bytes, but backend.task huge"
                            + " is 16,777,248 bytes — shrink it on the source server and export again");
            batch.flush();

            assertThat(tasks.find().map(d -> d.get("_id")).into(new ArrayList<>())).containsExactly("small");
        }
    }

    @Test
    void sendsABatchEarlyOnceItHoldsAboutOneMessageOfBsonOrItsShareOfTheHeap(Sandbox sandbox) {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(sandbox.mongoUri(), null, null));
             UndoJournal journal = UndoJournal.create(dir.resolve("j.undo.jsonl.gz"), HEADER)) {
            MongoCollection<Document> tasks = mongo.backend().getCollection("task");
            DocumentBatch batch = new DocumentBatch(mongo, journal, tasks);
            MongoCapabilities limits = mongo.capabilities();
            int each = limits.maxBsonObjectSize() / 2;
            int perMessage = (int) (DocumentBatch.maxBytes(limits) / (each + 100L));

            for (int i = 0; i <= perMessage; i++) {
                batch.replace(new Document("_id", "t" + i).append("script", "x".repeat(each)));
            }

            assertThat(perMessage).isLessThan(DocumentBatch.SIZE);
            assertThat(tasks.countDocuments()).isEqualTo(perMessage); // written without a flush; the last one waits
        }
    }
}
