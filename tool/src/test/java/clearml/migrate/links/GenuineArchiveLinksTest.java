package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.PlotCodec;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Runs the engine over every document and event of the genuine ClearML 2.0.0 "rich" export. Expected counts were
 * taken with Python's {@code zipfile}/{@code json} over the same archive, by plain {@code startswith}/{@code count}.
 */
class GenuineArchiveLinksTest {

    static final JsonMapper EVENTS = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    static final String OLD = "http://localhost:8081";
    static final UrlMap MAP = UrlMap.of(OLD, "https://files.new.io");

    final LinkRewriter rewriter = new LinkRewriter(MAP);
    final LinkScanner scanner = new LinkScanner();

    @Test
    void rewritesEveryFileServerLinkOfTheRichExport() throws IOException {
        Map<LinkPlace, Integer> counts = new EnumMap<>(LinkPlace.class);
        List<String> left = new ArrayList<>();
        forEachEntity((kind, doc) -> {
            rewriter.rewrite(kind, doc).countsByPlace().forEach((p, n) -> counts.merge(p, n, Integer::sum));
            scanner.collectUrls(kind, doc).stream().filter(u -> u.contains(OLD)).forEach(left::add);
        });
        forEachEvent(event -> {
            rewriter.rewriteEvent(event).countsByPlace().forEach((p, n) -> counts.merge(p, n, Integer::sum));
            scanner.collectUrls(event).stream().filter(u -> u.contains(OLD)).forEach(left::add);
        });

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                LinkPlace.MODEL_URI, 4, LinkPlace.TASK_ARTIFACT_URI, 6, LinkPlace.TASK_REPORT, 2,
                LinkPlace.TASK_REPORT_ASSETS, 2, LinkPlace.PROJECT_DESCRIPTION, 1, LinkPlace.DEBUG_IMAGE_URL, 18,
                LinkPlace.PLOT_STR, 3, LinkPlace.PLOT_SOURCE_URLS, 3));
        assertThat(left).isEmpty();
    }

    @Test
    void findsTheSameUrlsBeforeAndAfterExceptForTheTranslatedPrefix() throws IOException {
        forEachEntity((kind, doc) -> {
            List<String> before = scanner.collectUrls(kind, doc);
            rewriter.rewrite(kind, doc);
            assertThat(scanner.collectUrls(kind, doc)).containsExactlyElementsOf(
                    before.stream().map(u -> MAP.rewrite(u).orElse(u)).toList());
        });
    }

    @Test
    void rewritesTheLargePlotWhenStoredCompressed() throws IOException {
        ObjectNode confusion = events().filter(e -> "confusion".equals(e.path("metric").asText())).findFirst().orElseThrow();
        String plotStr = confusion.get("plot_str").asText();
        ObjectNode stored = confusion.deepCopy();
        stored.remove("plot_str");
        stored.put("plot_data", PlotCodec.compress(plotStr));

        LinkChanges changes = rewriter.rewriteEvent(stored);
        rewriter.rewriteEvent(confusion);

        assertThat(plotStr.length()).isGreaterThan(100_000);
        assertThat(PlotCodec.decompress(stored.get("plot_data").asText())).isEqualTo(confusion.get("plot_str").asText())
                .contains("\"source\": \"https://files.new.io/Vision Team/Détection 2D/train résnet50 ✓.d09cc35af9a38c2ee29d4676f98a26a2/metrics/confusion/val/confusion_val_00000000.png\"");
        assertThat(changes.countsByPlace()).containsEntry(LinkPlace.PLOT_DATA, 1);
    }

    @Test
    void collectsTheReportLinksWholeDespiteLiteralSpaces() throws IOException {
        List<String> urls = new ArrayList<>();
        forEachEntity((kind, doc) -> {
            if (kind == LinkPlace.Holder.TASK && doc.getString("report") != null && !doc.getString("report").isEmpty()) {
                urls.addAll(scanner.collectUrls(kind, doc));
            }
        });

        assertThat(urls).containsExactly(
                "http://localhost:8081/reports/7dbc9c356a9ed8335fe35709dae1410d/chart ✓.png",
                "http://localhost:8080/widgets/?objectType=task&xaxis=iter&type=scalar&metrics=loss&variants=train"
                        + "&project=7d076026161ff141ae6b9f10e5d1aa0c&company=d1bd92a3b039400cbafc60a7a5b1e52b"
                        + "&objects=d09cc35af9a38c2ee29d4676f98a26a2",
                "http://localhost:8081/reports/7dbc9c356a9ed8335fe35709dae1410d/table.png");
    }

    interface EntityVisitor {
        void visit(LinkPlace.Holder kind, Document document);
    }

    static void forEachEntity(EntityVisitor visitor) throws IOException {
        Map<String, LinkPlace.Holder> entries = Map.of(
                "database.model.project.Project.json", LinkPlace.Holder.PROJECT,
                "database.model.task.task.Task.json", LinkPlace.Holder.TASK,
                "database.model.model.Model.json", LinkPlace.Holder.MODEL);
        try (ZipFile zip = ZipFile.builder().setPath(archive()).get()) {
            for (var entry : entries.entrySet()) {
                for (String line : lines(zip, zip.getEntry(entry.getKey()))) {
                    visitor.visit(entry.getValue(), Document.parse(line));
                }
            }
        }
    }

    static void forEachEvent(Consumer<ObjectNode> visitor) throws IOException {
        events().forEach(visitor);
    }

    static Stream<ObjectNode> events() throws IOException {
        List<ObjectNode> all = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive()).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (entry.getName().endsWith("_events.json")) {
                    for (String line : lines(zip, entry)) {
                        all.add((ObjectNode) EVENTS.readTree(line));
                    }
                }
            }
        }
        return all.stream();
    }

    /** ClearML's layout: one JSON document per line inside {@code [ ]} (data model §3.4). */
    static List<String> lines(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        List<String> docs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String doc = line.strip().replaceFirst("^\\[", "").replaceFirst("[,\\]]+$", "").strip();
                if (!doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    static Path archive() throws IOException {
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"), "clearml-server-2.0.0-rich");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }
}
