package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.progress.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Compares one kind of entity, streaming the archive in batches of {@value #BATCH}: each archived document is
 * turned into its expected form, the batch's target documents are fetched by id, and the first differing field
 * of each is named. Memory holds one batch.
 */
final class EntityComparison {

    static final int BATCH = 500;

    /** An entity the target has: its archived id and its target id. */
    record Present(String archivedId, String targetId) {
    }

    private final TargetDocuments target;
    private final Differences differences;

    EntityComparison(TargetDocuments target, Differences differences) {
        this.target = target;
        this.differences = differences;
    }

    /**
     * Compares every archived entity of {@code kind} except those {@code skip} names; after each batch, gives
     * {@code present} the entities the target has. Returns how many were compared.
     */
    long compare(ArchiveReader reader, EntityKind kind, String collection, UnaryOperator<Document> expect,
            java.util.Set<String> skip, Consumer<List<Present>> present, Progress progress) {
        long compared = 0;
        Map<String, Document> batch = new LinkedHashMap<>();
        Map<String, String> archivedIds = new LinkedHashMap<>();
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document archived = documents.next();
                String archivedId = EntityStream.id(archived);
                if (skip.contains(archivedId)) {
                    continue;
                }
                Document expected = expect.apply(archived);
                String targetId = EntityStream.id(expected);
                batch.put(targetId, expected);
                archivedIds.put(targetId, archivedId);
                compared++;
                if (batch.size() >= BATCH) {
                    present.accept(compareBatch(kind, collection, batch, archivedIds, progress));
                }
            }
        }
        present.accept(compareBatch(kind, collection, batch, archivedIds, progress));
        return compared;
    }

    private List<Present> compareBatch(EntityKind kind, String collection, Map<String, Document> batch,
            Map<String, String> archivedIds, Progress progress) {
        List<Present> present = new ArrayList<>();
        if (batch.isEmpty()) {
            return present;
        }
        String name = kind.name().toLowerCase(Locale.ROOT);
        Map<String, Document> found = target.byIds(collection, batch.keySet());
        batch.forEach((id, expected) -> {
            Document actual = found.get(id);
            if (actual == null) {
                differences.add(name, id, "missing from the target");
            } else {
                DocumentDiff.first(expected, actual).ifPresent(detail -> differences.add(name, id, detail));
                present.add(new Present(archivedIds.get(id), id));
            }
        });
        progress.advance(batch.size());
        batch.clear();
        archivedIds.clear();
        return present;
    }
}
