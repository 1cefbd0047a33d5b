package clearml.migrate.proof;

import clearml.migrate.mongo.BsonNumbers;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the first path at which two entity documents differ, walking fields in the archive's order, then the
 * target's extra fields. A missing field equals {@code null} (ClearML omits {@code None} fields, data model §3.5);
 * numbers compare by value, so an int32 stored for an archived int64 is equal, and NaN equals NaN.
 */
final class DocumentDiff {

    private static final int MAX_SHOWN = 80;

    private DocumentDiff() {
    }

    /** {@code field <path>: archive <value> ≠ target <value>}, or empty when the documents are equal. */
    static Optional<String> first(Map<?, ?> archive, Map<?, ?> target) {
        return difference("", archive, target);
    }

    private static Optional<String> difference(String path, @Nullable Object archive, @Nullable Object target) {
        if (archive instanceof Map<?, ?> a && target instanceof Map<?, ?> t) {
            return mapDifference(path, a, t);
        }
        if (archive instanceof List<?> a && target instanceof List<?> t) {
            return listDifference(path, a, t);
        }
        if (same(archive, target)) {
            return Optional.empty();
        }
        return Optional.of("field " + (path.isEmpty() ? "(document)" : path) + ": archive " + shown(archive)
                + " ≠ target " + shown(target));
    }

    private static Optional<String> mapDifference(String path, Map<?, ?> archive, Map<?, ?> target) {
        Set<Object> keys = new LinkedHashSet<>(archive.keySet());
        keys.addAll(target.keySet());
        for (Object key : keys) {
            String child = path.isEmpty() ? String.valueOf(key) : path + "." + key;
            Optional<String> found = difference(child, archive.get(key), target.get(key));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> listDifference(String path, List<?> archive, List<?> target) {
        for (int i = 0; i < Math.min(archive.size(), target.size()); i++) {
            Optional<String> found = difference(path + "[" + i + "]", archive.get(i), target.get(i));
            if (found.isPresent()) {
                return found;
            }
        }
        if (archive.size() != target.size()) {
            return Optional.of("field " + path + ": archive has " + archive.size() + " items ≠ target "
                    + target.size());
        }
        return Optional.empty();
    }

    private static boolean same(@Nullable Object archive, @Nullable Object target) {
        if (archive instanceof Number a && target instanceof Number t) {
            return BsonNumbers.same(a, t);
        }
        return archive == null ? target == null : archive.equals(target);
    }

    private static String shown(@Nullable Object value) {
        if (value == null) {
            return "(absent)";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    }
}
