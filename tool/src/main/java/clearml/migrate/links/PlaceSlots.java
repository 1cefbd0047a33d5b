package clearml.migrate.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields that hold one place's values in one entity document or event, found by walking the place's path
 * ({@link LinkPlace#path()}); {@code *} goes into every value of a map and every element of a list, so a task's
 * artifacts are found whether they are keyed by hashes (2.x) or a legacy list (data model §1.4). Whatever map type
 * the driver gave is read.
 */
final class PlaceSlots {

    /** One field holding a place's value, read and replaced where it lives. */
    interface Slot {
        /** A {@code String}, a {@code List} (of strings and other values), anything else, or null when absent. */
        @Nullable Object value();

        /** Replaces the value with a string or a list. */
        void replace(Object value);

        /** Sets a sibling field of the value, when the holder has it already. */
        void replaceSibling(String field, int value);
    }

    private PlaceSlots() {
    }

    /** The slots of {@code path} in an entity document. */
    static List<Slot> in(Map<String, Object> document, List<String> path) {
        List<Slot> found = new ArrayList<>();
        walk(document, path, 0, found);
        return found;
    }

    /** The slots of {@code path} in an event. */
    static List<Slot> in(ObjectNode event, List<String> path) {
        List<Slot> found = new ArrayList<>();
        walk(event, path, 0, found);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void walk(@Nullable Object node, List<String> path, int at, List<Slot> found) {
        String step = path.get(at);
        if (at == path.size() - 1) {
            if (node instanceof Map<?, ?> holder) {
                found.add(new MapSlot((Map<String, Object>) holder, step));
            }
        } else if (step.equals("*")) {
            Iterable<?> children = node instanceof Map<?, ?> map ? map.values() : node instanceof List<?> list ? list : List.of();
            children.forEach(child -> walk(child, path, at + 1, found));
        } else if (node instanceof Map<?, ?> map) {
            walk(map.get(step), path, at + 1, found);
        }
    }

    private static void walk(JsonNode node, List<String> path, int at, List<Slot> found) {
        String step = path.get(at);
        if (at == path.size() - 1) {
            if (node instanceof ObjectNode holder) {
                found.add(new NodeSlot(holder, step));
            }
        } else if (step.equals("*")) {
            node.elements().forEachRemaining(child -> walk(child, path, at + 1, found));
        } else {
            walk(node.path(step), path, at + 1, found);
        }
    }

    /** A field of an entity document (a BSON {@code Document} or any map the driver gave). */
    private record MapSlot(Map<String, Object> holder, String field) implements Slot {
        @Override
        public @Nullable Object value() {
            return holder.get(field);
        }

        @Override
        public void replace(Object value) {
            holder.put(field, value);
        }

        @Override
        public void replaceSibling(String sibling, int value) {
            if (holder.containsKey(sibling)) {
                holder.put(sibling, value);
            }
        }
    }

    /** A field of an event: text is read as a {@code String}, an array as a list of strings and other nodes. */
    private record NodeSlot(ObjectNode holder, String field) implements Slot {
        @Override
        public @Nullable Object value() {
            JsonNode value = holder.get(field);
            if (value == null || !value.isTextual() && !value.isArray()) {
                return value;
            }
            if (value.isTextual()) {
                return value.asText();
            }
            List<Object> elements = new ArrayList<>();
            value.forEach(element -> elements.add(element.isTextual() ? element.asText() : element));
            return elements;
        }

        @Override
        public void replace(Object value) {
            if (value instanceof List<?> elements) {
                ArrayNode array = holder.putArray(field);
                elements.forEach(e -> array.add(e instanceof String text ? TextNode.valueOf(text) : (JsonNode) e));
            } else {
                holder.put(field, (String) value);
            }
        }

        @Override
        public void replaceSibling(String sibling, int value) {
            if (holder.has(sibling)) {
                holder.put(sibling, value);
            }
        }
    }
}
