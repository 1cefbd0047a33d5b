package clearml.migrate.archive;

import clearml.migrate.archive.DeltaInfo.EventsChange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An archive's place among incremental exports, as our {@code metadata.json} key holds it: {@code archive_id}, the
 * {@code state} of the source it was written from, and for a delta its {@code delta} section. The id is a hash of
 * the rest of our key, so two exports of an unchanged source give the same archive id.
 *
 * @param archiveId 32 hex digits
 * @param state the source as the export saw it
 * @param delta what makes the archive a delta, or null for a full archive
 */
public record ArchiveLineage(String archiveId, SourceState state, @Nullable DeltaInfo delta) {

    /** Our key in {@code metadata.json}; ClearML ignores keys it does not know (data model §3.6). */
    public static final String METADATA_KEY = "clearml_migrate";

    /**
     * The layout of our key, written by export and the newest that import, inspect and verify read; bump it when
     * its meaning changes. 2: each entry's {@code crc32} (the zip's CRC-32 of its bytes, eight hex digits) instead
     * of its {@code sha256}, which cost export a third of its CPU; no reader uses either, so 1 is read as before.
     */
    public static final int FORMAT_VERSION = 2;

    static final String ID = "archive_id";
    static final String STATE = "state";
    static final String DELTA = "delta";

    public boolean isDelta() {
        return delta != null;
    }

    /** The lineage our key of {@code metadata.json} holds, if it holds one (archives before #16 do not). */
    public static Optional<ArchiveLineage> of(ObjectNode metadata) {
        JsonNode ours = metadata.path(METADATA_KEY);
        if (!ours.path(ID).isTextual() || !ours.path(STATE).isObject()) {
            return Optional.empty();
        }
        JsonNode delta = ours.path(DELTA);
        return Optional.of(new ArchiveLineage(ours.path(ID).asText(), state(ours.path(STATE)),
                delta.isObject() ? delta(delta) : null));
    }

    /** Writes {@code state} and {@code delta} into our key, then {@code archive_id} as the hash of the whole key. */
    public static String writeInto(ObjectNode ours, SourceState state, @Nullable DeltaInfo delta) {
        ours.set(STATE, stateJson(state));
        if (delta != null) {
            ours.set(DELTA, deltaJson(delta));
        }
        String id = sha256(canonical(ours).toString()).substring(0, 32);
        ours.put(ID, id);
        return id;
    }

    private static ObjectNode stateJson(SourceState state) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode node = json.objectNode();
        ObjectNode stamps = node.putObject("stamps");
        for (EntityKind kind : EntityKind.values()) {
            ObjectNode byId = stamps.putObject(name(kind));
            sorted(state.stamps(kind)).forEach(byId::put);
        }
        ObjectNode events = node.putObject("events");
        sorted(state.events()).forEach((id, tally) -> events.putObject(id).put("count", tally.count())
                .put("max_timestamp", tally.maxTimestamp()));
        return node;
    }

    private static ObjectNode deltaJson(DeltaInfo delta) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("base", delta.baseId())
                .put("base_file", delta.baseFile());
        ObjectNode deleted = node.putObject("deleted");
        for (EntityKind kind : EntityKind.values()) {
            delta.deleted(kind).stream().sorted().forEach(deleted.withArray(name(kind))::add);
        }
        ObjectNode events = node.putObject("events");
        sorted(delta.events()).forEach((id, change) -> {
            ObjectNode entry = events.putObject(id).put("mode", change.append() ? "append" : "replace");
            if (change.append()) {
                entry.put("offset", change.offset());
            }
        });
        return node;
    }

    private static SourceState state(JsonNode node) {
        Map<EntityKind, Map<String, String>> stamps = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            Map<String, String> byId = new LinkedHashMap<>();
            node.path("stamps").path(name(kind)).fields().forEachRemaining(e -> byId.put(e.getKey(), e.getValue().asText()));
            stamps.put(kind, byId);
        }
        Map<String, EventTally> events = new LinkedHashMap<>();
        node.path("events").fields().forEachRemaining(e -> events.put(e.getKey(),
                new EventTally(e.getValue().path("count").asLong(), e.getValue().path("max_timestamp").asLong())));
        return new SourceState(stamps, events);
    }

    private static DeltaInfo delta(JsonNode node) {
        Map<EntityKind, List<String>> deleted = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            List<String> ids = new ArrayList<>();
            node.path("deleted").path(name(kind)).forEach(id -> ids.add(id.asText()));
            deleted.put(kind, ids);
        }
        Map<String, EventsChange> events = new LinkedHashMap<>();
        node.path("events").fields().forEachRemaining(e -> events.put(e.getKey(),
                e.getValue().path("mode").asText().equals("append")
                        ? EventsChange.appendAfter(e.getValue().path("offset").asLong()) : EventsChange.REPLACE));
        return new DeltaInfo(node.path("base").asText(), node.path("base_file").asText(), deleted, events);
    }

    private static String name(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return new TreeMap<>(map);
    }

    /** The node with every object's keys sorted: entries are recorded as parallel workers finish them. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
