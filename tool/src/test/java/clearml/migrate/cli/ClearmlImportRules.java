package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.ExtendedJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;

/**
 * Reads an archive the way ClearML's {@code PrePopulate.import_from_zip} does (data model §3.3–3.7, §5.6) and fails
 * the test wherever that importer would choke: an entry it does not know, a compression Python's zipfile cannot
 * read, a line that is not exactly one JSON document inside {@code [}/{@code ]}, an events entry whose id is
 * neither an exported task nor an exported model.
 */
final class ClearmlImportRules {

    private static final Set<Integer> PYTHON_METHODS = Set.of(ZipArchiveEntry.DEFLATED, 12 /* BZIP2 */);
    private static final ObjectMapper JSON = ArchiveJson.mapper();

    /** The entries of an accepted archive, in zip order. */
    record Archive(List<String> names, Map<String, List<String>> lines, @org.jspecify.annotations.Nullable JsonNode metadata,
                   @org.jspecify.annotations.Nullable JsonNode users) {

        List<Document> entities(EntityKind kind) {
            return lines.getOrDefault(kind.entryName(), List.of()).stream().map(ExtendedJson::read).toList();
        }

        Set<String> ids(EntityKind kind) {
            return entities(kind).stream().map(doc -> doc.getString("_id")).collect(Collectors.toSet());
        }

        List<ObjectNode> events(String id) {
            return lines.getOrDefault(EntityKind.eventsEntryName(id), List.of()).stream()
                    .map(ClearmlImportRules::object).toList();
        }

        List<String> eventEntryIds() {
            return names.stream().flatMap(name -> EntityKind.taskIdOfEventsEntry(name).stream()).toList();
        }
    }

    private ClearmlImportRules() {
    }

    static Archive accept(Path zip) {
        List<String> names = new ArrayList<>();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        JsonNode metadata = null;
        JsonNode users = null;
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntriesInPhysicalOrder())) {
                String name = entry.getName();
                names.add(name);
                assertThat(PYTHON_METHODS).as("compression of %s", name).contains(entry.getMethod());
                assertThat(EntityKind.isKnownEntry(name)).as("ClearML's importer knows %s", name).isTrue();
                String text = read(file, entry);
                if (name.equals(EntityKind.METADATA_ENTRY)) {
                    metadata = JSON.readTree(text);
                } else if (name.equals(EntityKind.USERS_ENTRY)) {
                    users = JSON.readTree(text);
                } else {
                    lines.put(name, jsonLines(name, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Archive archive = new Archive(names, lines, metadata, users);
        eventsBelongToExportedEntities(archive);
        return archive;
    }

    /** ClearML's {@code json_lines}: split on {@code \n}, strip, strip {@code [} and {@code ,]}; one document each. */
    private static List<String> jsonLines(String name, String text) {
        List<String> raw = List.of(text.split("\n", -1));
        assertThat(raw.get(0)).as("%s opens its array alone", name).isEqualTo("[");
        assertThat(raw.get(raw.size() - 1)).as("%s closes its array alone", name).isEqualTo("]");
        List<String> documents = new ArrayList<>();
        for (String line : raw) {
            String clean = stripRight(stripLeft(line.strip())).strip();
            if (!clean.isEmpty()) {
                object(clean);
                documents.add(clean);
            }
        }
        return documents;
    }

    private static void eventsBelongToExportedEntities(Archive archive) {
        Set<String> tasks = archive.ids(EntityKind.TASK);
        Set<String> models = archive.ids(EntityKind.MODEL);
        for (String id : archive.eventEntryIds()) {
            if (!tasks.contains(id)) {
                assertThat(models).as("events entry %s names an exported task or model", id).contains(id);
                assertThat(archive.events(id)).allSatisfy(event ->
                        assertThat(event.path("model_event").asBoolean()).as("model event of %s", id).isTrue());
            }
        }
    }

    static ObjectNode object(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (IOException | ClassCastException e) {
            throw new AssertionError("not one JSON object per line: " + line.substring(0, Math.min(200, line.length())), e);
        }
    }

    private static String read(ZipFile file, ZipArchiveEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String stripLeft(String line) {
        int start = 0;
        while (start < line.length() && line.charAt(start) == '[') {
            start++;
        }
        return line.substring(start);
    }

    private static String stripRight(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ',' || line.charAt(end - 1) == ']')) {
            end--;
        }
        return line.substring(0, end);
    }
}
