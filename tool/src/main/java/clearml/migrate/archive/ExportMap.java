package clearml.migrate.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code .map} state file (data model §3.9): the files the last export wrote, every exported entity id with
 * its {@code last_update} (or {@code created}) as ISO text, and the md5 of the metadata.
 *
 * @param files        the archive and, when written, its {@code .artifacts} companion
 * @param entities     entity id to timestamp, as {@link #timestamp(Date)} formats it
 * @param metadataHash md5 hex of the metadata text, or {@code ""}
 */
public record ExportMap(List<String> files, Map<String, String> entities, String metadataHash) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    public ExportMap {
        files = List.copyOf(files);
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** A date as the map stores it: {@code 2024-06-10T06:15:00.746000+00:00} or {@code 2024-06-10T06:15:00+00:00}. */
    public static String timestamp(Date date) {
        // Python's isoformat() of an aware UTC datetime: microseconds only when non-zero, offset "+00:00".
        Instant instant = date.toInstant();
        String seconds = instant.atOffset(ZoneOffset.UTC).format(SECONDS);
        int micros = instant.getNano() / 1000;
        return micros == 0 ? seconds + "+00:00" : seconds + String.format(".%06d+00:00", micros);
    }

    /**
     * ClearML's "there are no updates from the last export" rule: every listed file still exists, the same ids
     * with the same timestamps, and the same metadata hash.
     */
    public boolean isUpToDate(Map<String, String> currentEntities, String currentMetadataHash,
            Predicate<String> fileExists) {
        return files.stream().allMatch(fileExists) && entities.equals(currentEntities)
                && metadataHash.equals(currentMetadataHash);
    }

    /** Reads a map file; any problem reading it means "no usable previous export" (§3.9), hence empty. */
    public static Optional<ExportMap> read(Path file) {
        try {
            JsonNode root = ArchiveJson.mapper().readTree(file.toFile());
            List<String> files = new ArrayList<>();
            root.required("files").forEach(f -> files.add(f.textValue()));
            Map<String, String> entities = new LinkedHashMap<>();
            root.required("entities").fields().forEachRemaining(e -> entities.put(e.getKey(), e.getValue().textValue()));
            return Optional.of(new ExportMap(files, entities, root.required("metadata_hash").textValue()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the map in ClearML's compact form. */
    public void write(Path file) throws IOException {
        ObjectMapper json = ArchiveJson.mapper();
        ObjectNode root = json.createObjectNode();
        files.forEach(root.putArray("files")::add);
        ObjectNode ids = root.putObject("entities");
        entities.forEach(ids::put);
        root.put("metadata_hash", metadataHash);
        Files.write(file, json.writeValueAsBytes(root));
    }
}
