package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.proof.InspectReport.MetadataSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code metadata.json} for the report: the ClearML keys (data model §3.6) as they are, and our exporter's own
 * key {@value #OURS} (format and tool versions, {@code source}, {@code selection}), all tolerated when absent, as in
 * ClearML's archives. Long values (a {@code logo_blob}) are cut for display.
 */
final class MetadataReading {

    /** The key our exporter writes its record under (exporting's {@code ExportMetadata.KEY}). */
    static final String OURS = "clearml_migrate";
    /** The newest layout of our key this reader understands. */
    static final int FORMAT_VERSION = ArchiveLineage.FORMAT_VERSION;
    private static final int MAX_TEXT = 120;

    private MetadataReading() {
    }

    static MetadataSummary summary(Optional<ObjectNode> metadata, Problems problems) {
        if (metadata.isEmpty()) {
            return new MetadataSummary(false, Map.of(), Map.of(), Map.of(), Map.of());
        }
        JsonNode ours = metadata.get().path(OURS);
        if (ours.path("format_version").asInt(0) > FORMAT_VERSION) {
            problems.add("metadata.json: " + OURS + ".format_version " + ours.path("format_version").asText()
                    + " is newer than this tool understands (" + FORMAT_VERSION + "); use a newer clearml-migrate");
        }
        return new MetadataSummary(true, clearmlKeys(metadata.get()), versions(ours), flattened(ours.path("source")),
                flattened(ours.path("selection")));
    }

    /** Every key but ours: ClearML's (§3.6) and any other writer's. */
    private static Map<String, String> clearmlKeys(ObjectNode metadata) {
        Map<String, String> clearml = new HashMap<>();
        metadata.fields().forEachRemaining(field -> {
            if (!field.getKey().equals(OURS)) {
                flatten(field.getKey(), field.getValue(), clearml);
            }
        });
        return clearml;
    }

    private static Map<String, String> versions(JsonNode ours) {
        Map<String, String> versions = new HashMap<>();
        for (String key : new String[] {"format_version", "tool_version"}) {
            if (ours.has(key)) {
                versions.put(key, ours.get(key).asText());
            }
        }
        return versions;
    }

    /** The document counts our exporter recorded per entry ({@code entries.<name>.count}), when it did. */
    static Map<String, Long> recordedCounts(Optional<ObjectNode> metadata) {
        Map<String, Long> counts = new HashMap<>();
        metadata.map(m -> m.path(OURS).path("entries")).ifPresent(entries -> entries.fields().forEachRemaining(
                entry -> {
                    if (entry.getValue().path("count").canConvertToLong()) {
                        counts.put(entry.getKey(), entry.getValue().path("count").asLong());
                    }
                }));
        return counts;
    }

    private static Map<String, String> flattened(JsonNode node) {
        Map<String, String> flat = new HashMap<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(field -> flatten(field.getKey(), field.getValue(), flat));
        }
        return flat;
    }

    private static void flatten(String path, JsonNode value, Map<String, String> flat) {
        if (value.isObject() && !value.isEmpty()) {
            value.fields().forEachRemaining(field -> flatten(path + "." + field.getKey(), field.getValue(), flat));
        } else {
            flat.put(path, cut(value.isTextual() ? value.textValue() : value.toString()));
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "… (" + text.length() + " chars)";
    }
}
