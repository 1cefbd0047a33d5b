package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.ArchiveException;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Streams one entity file, turning a fault in it (a bad line, a duplicate id) into a problem: the documents before
 * the fault are counted, the rest of that entry is skipped, and the other entries are still read.
 */
final class EntityStream {

    private EntityStream() {
    }

    /** Feeds every readable document of {@code kind} to {@code action}; returns how many there were. */
    static long forEach(ArchiveContent reader, EntityKind kind, Problems problems, Consumer<Document> action) {
        long count = 0;
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                action.accept(documents.next());
                count++;
            }
        } catch (ArchiveException e) {
            problems.add(e.getMessage() + " (rest of the entry skipped)");
        }
        return count;
    }

    /** Feeds every document of {@code kind} to {@code action}; a fault in the entry is fatal (ArchiveException). */
    static void forEachStrict(ArchiveContent reader, EntityKind kind, Consumer<Document> action) {
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            documents.forEachRemaining(action);
        }
    }

    static String text(Document document, String field) {
        return document.get(field) instanceof String value ? value : "";
    }

    static String id(Document document) {
        return String.valueOf(document.get("_id"));
    }
}
