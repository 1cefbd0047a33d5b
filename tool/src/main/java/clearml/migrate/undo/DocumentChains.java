package clearml.migrate.undo;

import clearml.migrate.undo.JournalRecord.Created;
import clearml.migrate.undo.JournalRecord.Prior;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * For every MongoDB document a journal touches, the versions the command itself produced: the one before the
 * command, each it wrote, and "absent" when it created the document. A current version among them means nobody
 * else changed the document, also when the command or an earlier undo was interrupted half-way. Memory: one key
 * and a few hashes per document, never the documents.
 */
final class DocumentChains {

    /** One document: database, collection and id. */
    record Key(String database, String collection, Object id) {
    }

    private final Map<Key, Set<String>> versions = new LinkedHashMap<>();

    void add(JournalRecord record) {
        if (record instanceof Created created) {
            versions(new Key(created.database(), created.collection(), created.id()))
                    .addAll(List.of(DocumentHash.ABSENT, created.writtenHash()));
        } else if (record instanceof Prior prior) {
            versions(new Key(prior.database(), prior.collection(), prior.id()))
                    .addAll(List.of(DocumentHash.of(prior.document()), prior.writtenHash()));
        }
    }

    void forEach(BiConsumer<Key, Set<String>> action) {
        versions.forEach(action);
    }

    private Set<String> versions(Key key) {
        return versions.computeIfAbsent(key, k -> new HashSet<>(4));
    }
}
