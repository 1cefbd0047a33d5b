package clearml.migrate.archive;

import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Checks that entities arrive as ClearML writes them: each with an {@code _id} not seen before, ascending by
 * ({@code name}, {@code _id}) in code-point order (data model §3.3; Python compares strings by code point).
 */
final class EntityOrder {

    private final EntityKind kind;
    private final Set<String> ids = new HashSet<>();
    private @Nullable String previousName;
    private @Nullable String previousId;

    EntityOrder(EntityKind kind) {
        this.kind = kind;
    }

    void accept(Document document) {
        Object rawId = document.get("_id");
        if (rawId == null) {
            throw new IllegalArgumentException(kind + " document without _id");
        }
        String id = String.valueOf(rawId);
        String name = document.get("name") instanceof String text ? text : "";
        if (!ids.add(id)) {
            throw new IllegalArgumentException(kind + " _id " + id + " written twice");
        }
        if (previousName != null && previousId != null && compare(previousName, previousId, name, id) > 0) {
            throw new IllegalArgumentException(kind + " documents must come sorted by (name, _id): " + id
                    + " came after " + previousId);
        }
        previousName = name;
        previousId = id;
    }

    private static int compare(String name1, String id1, String name2, String id2) {
        int byName = codePoints(name1, name2);
        return byName != 0 ? byName : codePoints(id1, id2);
    }

    static int codePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
