package clearml.migrate.importing;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;

/**
 * The lines of a ClearML archive read the way ClearML's importer reads them (data model §3.4), independently of
 * the tool's archive package: the test's expectation must not come from the code under test.
 */
public final class ArchiveLines {

    /** Python's json allows NaN/Infinity (§3.5). */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private ArchiveLines() {
    }

    /** Entry names in stored order. */
    public static List<String> entries(Path archive) {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            List<String> names = new ArrayList<>();
            Collections.list(zip.getEntriesInPhysicalOrder()).forEach(e -> names.add(e.getName()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of an entity entry, parsed with the BSON library's own legacy Extended JSON reader. */
    public static List<Document> documents(Path archive, String entry) {
        return lines(archive, entry).stream().map(Document::parse).toList();
    }

    /** The events of an events entry, as Jackson objects. */
    public static List<ObjectNode> events(Path archive, String entry) {
        return lines(archive, entry).stream().map(ArchiveLines::object).toList();
    }

    /** The stripped, non-empty lines of an entry: ClearML's {@code json_lines}. */
    public static List<String> lines(Path archive, String entry) {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            ZipArchiveEntry zipEntry = zip.getEntry(entry);
            if (zipEntry == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(zipEntry)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                List<String> lines = new ArrayList<>();
                for (String line : text.split("\n")) {
                    String stripped = line.strip().replaceAll("^\\[+", "").replaceAll("[,\\]\\s]+$", "").strip();
                    if (!stripped.isEmpty()) {
                        lines.add(stripped);
                    }
                }
                return lines;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
