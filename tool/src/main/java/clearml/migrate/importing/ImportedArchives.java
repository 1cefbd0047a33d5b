package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.failures.BaseNotImportedException;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.undo.UndoJournal;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;

/**
 * The archives imported into a target, kept on the target ({@link Collections#IMPORTED_ARCHIVES}, one document
 * per archive id): a marker survives the machine that ran the import, where an undo journal beside the archive
 * would not. Written journalled at the end of an import, so {@code undo} takes it back with the rest.
 */
final class ImportedArchives {

    private final ClearmlMongo mongo;
    private final MongoCollection<Document> markers;

    ImportedArchives(ClearmlMongo mongo) {
        this.mongo = mongo;
        this.markers = mongo.backend().getCollection(Collections.IMPORTED_ARCHIVES);
    }

    /** Refuses a delta whose base the target has not imported; a full archive or one without lineage passes. */
    void requireBase(ArchiveLineage lineage, Path archive) {
        DeltaInfo delta = lineage.delta();
        if (delta != null && !imported(delta.baseId())) {
            throw new BaseNotImportedException(archive.getFileName() + " is a delta of " + delta.baseFile()
                    + ", which was never imported into this target; import " + delta.baseFile()
                    + " (and the deltas after it, in order) first");
        }
    }

    boolean imported(String archiveId) {
        return mongo.retrying(() -> markers.find(Filters.eq("_id", archiveId)).first()) != null;
    }

    /** Marks the archive imported; the journal records the marker as created (or its earlier version). */
    void record(ArchiveLineage lineage, Path archive, String company, UndoJournal journal, Clock clock) {
        DeltaInfo delta = lineage.delta();
        Document marker = new Document("_id", lineage.archiveId()).append("file", archive.getFileName().toString())
                .append("company", company).append("imported", Date.from(clock.instant()))
                .append("delta_of", delta == null ? null : delta.baseId());
        DocumentBatch batch = new DocumentBatch(mongo, journal, markers);
        batch.replace(marker);
        batch.flush();
    }
}
