package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * A deliberately separate, strict reader with the rules ClearML's importer imposes (data model §3.3, §3.4):
 * only known entry names, DEFLATE or BZIP2, entity and events files framed as {@code [}, one document per line,
 * {@code ]}. Written independently of the production reader so one cannot hide the other's bug.
 */
final class ClearmlImporterRules {

    private static final Pattern KNOWN = Pattern.compile("metadata\\.json|users\\.json"
            + "|database\\.model\\.(model\\.Model|project\\.Project|task\\.task\\.Task)\\.json"
            + "|database\\.model\\.task\\.task\\.Task_[0-9a-zA-Z]+_events\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private ClearmlImporterRules() {
    }

    /** Entry name to its documents, in zip order; fails the test on any rule broken. */
    static Map<String, List<JsonNode>> read(Path archive) throws IOException {
        Map<String, List<JsonNode>> entries = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                assertThat(entry.getName()).matches(KNOWN);
                assertThat(entry.getMethod()).isIn(ZipMethod.DEFLATED.getCode(), ZipMethod.BZIP2.getCode());
                try (InputStream in = zip.getInputStream(entry)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    entries.put(entry.getName(), documents(entry.getName(), text));
                }
            }
        }
        return entries;
    }

    private static List<JsonNode> documents(String name, String text) throws IOException {
        if (name.equals("metadata.json")) {
            assertThat(text).doesNotContain("\n");
            return List.of(JSON.readTree(text));
        }
        if (name.equals("users.json")) {
            JsonNode users = JSON.readTree(text);
            List<JsonNode> all = new ArrayList<>();
            users.get("auth").forEach(all::add);
            users.get("backend").forEach(all::add);
            return all;
        }
        String[] lines = text.split("\n", -1);
        assertThat(lines[0]).as(name + " first line").isEqualTo("[");
        assertThat(lines[lines.length - 1]).as(name + " last line").isEqualTo("]");
        List<JsonNode> documents = new ArrayList<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String line = i < lines.length - 2 ? stripComma(name, lines[i]) : lines[i];
            JsonNode document = JSON.readTree(line);
            assertThat(document.isObject()).as(name + " line " + (i + 1)).isTrue();
            documents.add(document);
        }
        return documents;
    }

    private static String stripComma(String name, String line) {
        assertThat(line).as(name).endsWith(",");
        return line.substring(0, line.length() - 1);
    }
}
