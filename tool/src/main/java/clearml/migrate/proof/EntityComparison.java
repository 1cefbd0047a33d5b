package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.progress.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Compares one kind of entity, streaming the archive in batches of {@value #BATCH}: each archived document is
 * turned into its expected form (reading its events once, for its statistics and its counts), the batch's target
 * documents are fetched by id, and the first differing field of each is named. Memory holds one batch.
 */
final class EntityComparison {

    static final int BATCH = 500;

    /** An entity the target has: its archived id, its target id and its archived events per type. */
    record Present(String archivedId, String targetId, Map<String, Long> archivedEvents) {
    }

    /** The document the target should hold for an archived one, and the archived events of it per type. */
    record Expected(Document document, Map<String, Long> eventsByType) {
    }

    /**
     * What to compare: an archived kind, its backend collection, how an archived document becomes the expected
     * one, and the archived ids to leave out.
     */
    record Subject(EntityKind kind, String collection, Function<Document, Expected> expect, Set<String> skip) {
    }

    private final TargetDocuments target;
    private final Differences differences;
    private final Progress progress;

    EntityComparison(TargetDocuments target, Differences differences, Progress progress) {
        this.target = target;
        this.differences = differences;
        this.progress = progress;
    }

    /** Compares every archived entity of the subject; after each batch, gives {@code present} those the target has. */
    long compare(ArchiveContent reader, Subject subject, Consumer<List<Present>> present) {
        Batch batch = new Batch(subject);
        try (CloseableIterator<Document> documents = reader.entities(subject.kind())) {
            while (documents.hasNext()) {
                if (batch.add(documents.next()) >= BATCH) {
                    present.accept(batch.compare());
                }
            }
        }
        present.accept(batch.compare());
        return batch.compared;
    }

    /** The expected documents of one batch, by target id. */
    private final class Batch {
        private final Subject subject;
        private final String name;
        private final Map<String, Expected> expected = new LinkedHashMap<>();
        private final Map<String, String> archivedIds = new LinkedHashMap<>();
        private long compared;

        Batch(Subject subject) {
            this.subject = subject;
            this.name = subject.kind().name().toLowerCase(Locale.ROOT);
        }

        /** Adds a document unless skipped; returns the batch size. */
        int add(Document archived) {
            String archivedId = EntityStream.id(archived);
            if (!subject.skip().contains(archivedId)) {
                Expected one = subject.expect().apply(archived);
                expected.put(EntityStream.id(one.document()), one);
                archivedIds.put(EntityStream.id(one.document()), archivedId);
                compared++;
            }
            return expected.size();
        }

        List<Present> compare() {
            List<Present> present = new ArrayList<>();
            if (!expected.isEmpty()) {
                Map<String, Document> found = target.byIds(subject.collection(), expected.keySet());
                expected.forEach((id, document) -> check(id, document, found.get(id), present));
                progress.advance(expected.size());
                expected.clear();
                archivedIds.clear();
            }
            return present;
        }

        private void check(String id, Expected one, @Nullable Document actual, List<Present> present) {
            if (actual == null) {
                differences.add(name, id, "missing from the target");
                return;
            }
            DocumentDiff.first(one.document(), actual).ifPresent(detail -> differences.add(name, id, detail));
            present.add(new Present(archivedIds.get(id), id, one.eventsByType()));
        }
    }
}
