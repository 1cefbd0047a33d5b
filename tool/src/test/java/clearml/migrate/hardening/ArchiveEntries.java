package clearml.migrate.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** An archive's contents as one comparable value, for tests that check two exports wrote the same thing. */
final class ArchiveEntries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveEntries() {
    }

    /**
     * Every entry's name and text; {@code metadata.json} parsed, since the exporter lists the events entries in the
     * order their concurrent writes finished, which is not a difference in content.
     */
    static Map<String, Object> of(Path zip) {
        Map<String, Object> entries = new TreeMap<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                try (InputStream in = file.getInputStream(entry)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    entries.put(entry.getName(), entry.getName().equals("metadata.json") ? JSON.readTree(text) : text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + zip, e);
        }
        return entries;
    }
}
