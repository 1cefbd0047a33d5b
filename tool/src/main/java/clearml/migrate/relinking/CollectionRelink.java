package clearml.migrate.relinking;

import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.UndoJournal;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Relinks one {@code backend} collection: one scan in {@code _id} order over the covered documents (projected to the
 * URL-bearing fields; resumed after the last one seen when MongoDB goes away mid-scan), the link engine on each, and the changed paths written back with {@code $set} in unordered
 * {@code bulkWrite} batches. That read-modify-write works on MongoDB and mongo-java-server alike, which has no
 * pipeline updates (test-infra.md §1). Memory: one cursor batch and one write batch.
 */
final class CollectionRelink {

    private static final int READ_BATCH = 1000;
    private static final int WRITE_BATCH = 500;

    private final ClearmlMongo mongo;
    private final LinkRewriter rewriter;
    private final RelinkSettings settings;
    private final CompanyScope scope;
    private final @Nullable UndoJournal journal;

    CollectionRelink(ClearmlMongo mongo, LinkRewriter rewriter, RelinkSettings settings, CompanyScope scope,
            @Nullable UndoJournal journal) {
        this.journal = journal;
        this.mongo = mongo;
        this.rewriter = rewriter;
        this.settings = settings;
        this.scope = scope;
    }

    /** Relinks one collection, adding every change to {@code samples}. */
    RelinkedSource run(EntityCollection entities, Progress progress, LinkTally samples) {
        MongoCollection<Document> collection = mongo.backend().getCollection(entities.collection());
        Bson filter = both(scope.entityFilter(), candidates(entities));
        progress.start(RelinkedSource.MONGODB + " " + name(entities), mongo.retrying(() -> collection.countDocuments(filter)));
        Scan scan = new Scan(collection, name(entities));
        mongo.scan(collection, filter, Projections.include(entities.fields()), READ_BATCH, document -> {
            scan.check(entities, document, samples);
            progress.advance(1);
        });
        scan.flush();
        progress.finish();
        return new RelinkedSource(RelinkedSource.MONGODB, name(entities), scan.scanned, scan.changed, 0,
                PlaceCounts.of(scan.tally));
    }

    /**
     * Documents where some searchable field contains the old prefix, as a literal ({@code Pattern.quote}: a prefix
     * is never a regular expression, data model §9 item 20); everything when no field is searchable.
     */
    private Bson candidates(EntityCollection entities) {
        String literal = Pattern.quote(settings.searchedPrefix());
        List<Bson> any = entities.searchableFields().stream().map(field -> Filters.regex(field, literal)).toList();
        return any.isEmpty() ? new Document() : Filters.or(any);
    }

    /** Both filters, leaving out an empty one. */
    private static Bson both(Bson first, Bson second) {
        if (first instanceof Document empty && empty.isEmpty()) {
            return second;
        }
        return second instanceof Document empty && empty.isEmpty() ? first : Filters.and(first, second);
    }

    private static String name(EntityCollection entities) {
        return Collections.BACKEND_DB + "." + entities.collection();
    }

    /** The running state of one collection's scan. */
    private final class Scan {
        private final MongoCollection<Document> collection;
        private final String name;
        private final List<WriteModel<Document>> writes = new ArrayList<>();
        private final LinkTally tally = new LinkTally(0);
        private long scanned;
        private long changed;

        Scan(MongoCollection<Document> collection, String name) {
            this.collection = collection;
            this.name = name;
        }

        void check(EntityCollection entities, Document read, LinkTally samples) {
            scanned++;
            Document rewritten = ChangedFields.copy(read);
            LinkChanges changes = rewriter.rewrite(entities.kind(), rewritten);
            if (changes.isEmpty()) {
                return;
            }
            changed++;
            tally.add(changes);
            samples.add(changes);
            List<ChangedFields.Change> paths = ChangedFields.changes(read, rewritten);
            if (journal != null) {
                paths.forEach(path -> journal.fieldChange(Collections.BACKEND_DB, collection.getNamespace()
                        .getCollectionName(), read.get("_id"), path.path(), path.before(), path.after()));
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", read.get("_id")),
                    Updates.combine(paths.stream().map(ChangedFields.Change::set).toList())));
            if (writes.size() >= WRITE_BATCH) {
                flush();
            }
        }

        void flush() {
            if (!writes.isEmpty() && !settings.dryRun()) {
                write();
            }
            writes.clear();
        }

        private void write() {
            if (journal != null) {
                journal.flush(); // the old values are on disk before any of them is overwritten
            }
            try {
                // $set of the new values: sending it again after a lost answer changes nothing
                mongo.retrying(() -> collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
            } catch (MongoBulkWriteException e) {
                throw new StoreRequestException("MongoDB refused " + e.getWriteErrors().size() + " of " + writes.size()
                        + " link updates in " + name + " (" + e.getWriteErrors().get(0).getMessage() + "); the rest "
                        + "were written — fix the cause and run relink again, it continues where it stopped", e);
            }
        }
    }
}
