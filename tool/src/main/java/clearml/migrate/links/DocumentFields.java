package clearml.migrate.links;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the nested containers of an entity document that hold URL places, whatever map type the driver gave. */
final class DocumentFields {

    private DocumentFields() {
    }

    /** An embedded document, when {@code field} holds one. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> child(Map<String, Object> holder, String field) {
        return holder.get(field) instanceof Map<?, ?> child ? Optional.of((Map<String, Object>) child) : Optional.empty();
    }

    /**
     * The artifacts of a task: {@code execution.artifacts} is a map keyed {@code md5(key)_mode} since 2.x, and a
     * list in legacy documents (data model §1.4); both are read.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> artifacts(Map<String, Object> task) {
        Object artifacts = child(task, "execution").map(execution -> execution.get("artifacts")).orElse(null);
        Iterable<?> entries = artifacts instanceof Map<?, ?> byKey ? byKey.values()
                : artifacts instanceof List<?> list ? list : List.of();
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> artifact) {
                found.add((Map<String, Object>) artifact);
            }
        }
        return found;
    }
}
