package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.SourceState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@code metadata.json}: one key of our own, {@value #KEY}, holding the format and tool versions, the source
 * server's versions, the selection made and a count and CRC-32 per entry.
 *
 * <p>No ClearML key (data model §3.6) is written, because each one changes how ClearML's importer treats the
 * archive: {@code public: false} would move the data into the target's default company instead of the
 * read-only "Examples" that an archive without metadata gets, {@code logo_url}/{@code logo_blob} would stamp one
 * logo on every project, and the id flags would renumber everything. ClearML ignores keys it does not know.
 */
public final class ExportMetadata {

    /** Our key inside {@code metadata.json}. */
    public static final String KEY = ArchiveLineage.METADATA_KEY;

    /** The version of our metadata layout. */
    public static final int FORMAT_VERSION = ArchiveLineage.FORMAT_VERSION;

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final ObjectNode selection = json.objectNode();
    private final ObjectNode entries = json.objectNode();
    private final String toolVersion;
    private @Nullable SourceVersions source;
    private @Nullable SourceState state;
    private @Nullable DeltaInfo delta;

    public ExportMetadata(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public ExportMetadata source(SourceVersions versions) {
        this.source = versions;
        return this;
    }

    /**
     * Records the source's state, and for a delta what makes it one; {@link #build()} then writes them with the
     * {@code archive_id} ({@link ArchiveLineage}).
     */
    public ExportMetadata lineage(SourceState sourceState, @Nullable DeltaInfo deltaInfo) {
        this.state = sourceState;
        this.delta = deltaInfo;
        return this;
    }

    /** The selection flags recorded so far. */
    JsonNode selection() {
        return selection.deepCopy();
    }

    /** Records one selection flag; {@code value} is a string, a boolean, a list of strings or null. */
    public ExportMetadata flag(String name, @Nullable Object value) {
        selection.set(name, node(value));
        return this;
    }

    /** Records one zip entry with the number of documents it holds and the CRC-32 of its uncompressed bytes. */
    public ExportMetadata entry(String name, long count, long crc32) {
        entries.set(name, json.objectNode().put("count", count).put("crc32", String.format("%08x", crc32)));
        return this;
    }

    /** The whole {@code metadata.json} object. */
    public ObjectNode build() {
        ObjectNode ours = stablePart();
        if (source != null) {
            ObjectNode engine = json.objectNode().put("distribution", source.engineDistribution())
                    .put("version", source.engineVersion());
            ours.set("source", json.objectNode().put("mongodb", source.mongodb())
                    .put("schema_version", source.schemaVersion()).set("search_engine", engine));
        }
        ours.set("entries", entries.deepCopy());
        if (state != null) {
            ArchiveLineage.writeInto(ours, state, delta);
        }
        ObjectNode root = json.objectNode();
        root.set(KEY, ours);
        return root;
    }

    /**
     * The md5 the {@code .map} file keeps (data model §3.9): of the format and tool versions and the selection only,
     * because counts and hashes are known only after writing, and a server upgrade alone changes no entity.
     */
    public String mapHash() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(stablePart().toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has MD5", impossible);
        }
    }

    private ObjectNode stablePart() {
        ObjectNode ours = json.objectNode().put("format_version", FORMAT_VERSION).put("tool_version", toolVersion);
        ours.set("selection", selection.deepCopy());
        return ours;
    }

    private JsonNode node(@Nullable Object value) {
        if (value == null) {
            return json.nullNode();
        }
        if (value instanceof Boolean flag) {
            return json.booleanNode(flag);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = json.arrayNode();
            list.forEach(item -> array.add(String.valueOf(item)));
            return array;
        }
        return json.textNode(String.valueOf(value));
    }
}
