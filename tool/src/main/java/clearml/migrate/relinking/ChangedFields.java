package clearml.migrate.relinking;

import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The exact paths whose values a rewrite changed, as {@code $set}s: only those fields are written back, never the
 * whole document, because a running ClearML server may be writing other fields of the same entity meanwhile.
 *
 * <p>Embedded documents are descended into ({@code execution.artifacts.<key>.uri}); a list is set whole
 * ({@code report_assets}, a legacy artifact list), as positions in a list are not stable under concurrent writes;
 * a key that cannot be a path segment (with a {@code .} or a leading {@code $}) has its parent set whole.
 */
final class ChangedFields {

    private ChangedFields() {
    }

    /** A deep copy of the maps and lists of {@code document}, so a rewrite in place leaves it as read. */
    static Document copy(Document document) {
        return new Document(copyMap(document));
    }

    /** One changed path with its value before and after, as undo journals it. */
    record Change(String path, @Nullable Object before, @Nullable Object after) {
        Bson set() {
            return Updates.set(path, after);
        }
    }

    /** The {@code $set} of every changed path, or empty when nothing changed. */
    static List<Bson> sets(Document before, Document after) {
        return changes(before, after).stream().map(Change::set).toList();
    }

    /** Every changed path, or empty when nothing changed. */
    static List<Change> changes(Document before, Document after) {
        List<Change> changes = new ArrayList<>();
        diff("", before, after, changes);
        return changes;
    }

    private static void diff(String path, Map<?, ?> before, Map<?, ?> after, List<Change> sets) {
        for (Map.Entry<?, ?> entry : after.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object old = before.get(entry.getKey());
            if (Objects.equals(old, entry.getValue())) {
                continue;
            }
            String field = path.isEmpty() ? key : path + "." + key;
            if (old instanceof Map<?, ?> oldMap && entry.getValue() instanceof Map<?, ?> newMap && segmentsOk(newMap)) {
                diff(field, oldMap, newMap, sets);
            } else {
                sets.add(new Change(field, old, entry.getValue()));
            }
        }
    }

    /** Whether every key of a map can be written as a path segment below it. */
    private static boolean segmentsOk(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).noneMatch(k -> k.isEmpty() || k.contains(".") || k.startsWith("$"));
    }

    private static Map<String, @Nullable Object> copyMap(Map<?, ?> map) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), copyValue(value)));
        return copy;
    }

    private static @Nullable Object copyValue(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return new Document(copyMap(map));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }
}
