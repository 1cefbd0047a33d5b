package clearml.sandbox.seed;

import clearml.sandbox.Hashes;
import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The small seed's events have the shapes of clearml-data-model.md §2, on OpenSearch 2.19 and Elasticsearch 7.17. */
@ExtendWith(SandboxExtension.class)
class SeededEventsShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One seed per engine, read back at once: the seed is deterministic, so its Mongo side is the same for both. */
    private static final Map<String, Seeded> SEEDED = new HashMap<>();

    @TempDir
    static Path fileRoot;

    @SearchEngineTest
    void storesEventsWithClearmlIdsInTheirCompanysIndices(SearchEngine engine, Sandbox source) {
        Seeded seeded = seeded(engine, source);
        Map<String, String> companyOf = indexCompanies(seeded.documents());

        assertThat(seeded.events()).hasSize((int) seeded.report().events());
        for (StoredEvents.Hit hit : seeded.events()) {
            JsonNode event = hit.source();
            String type = event.path("type").asText();
            assertThat(hit.index()).isEqualTo("events-" + type + "-" + companyOf.get(event.path("task").asText()));
            assertThat(hit.id()).isEqualTo("log".equals(type) ? hit.id() : Hashes.md5(idSource(event)))
                    .matches("[0-9a-f]{32}");
            assertThat(event.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        String publicTask = seeded.report().publicTaskId();
        assertThat(seeded.events()).filteredOn(h -> h.source().path("task").asText().equals(publicTask))
                .isNotEmpty().allSatisfy(h -> assertThat(h.index()).endsWith("-" + seeded.report().companies().get(0)));
        assertThat(seeded.events()).anySatisfy(h -> assertThat(h.source().path("model_event").asBoolean()).isTrue());
    }

    @SearchEngineTest
    void countsWhatItWroteInTheReport(SearchEngine engine, Sandbox source) {
        Seeded seeded = seeded(engine, source);
        assertThat(seeded.countsByIndex()).isEqualTo(seeded.report().eventsByIndex());
        assertThat(seeded.report().eventsByType()).containsKeys("log", "training_stats_scalar",
                "training_debug_image", "plot", "training_stats_vector");
        Map<String, Long> byType = new HashMap<>();
        seeded.events().forEach(h -> byType.merge(h.source().path("type").asText(), 1L, Long::sum));
        assertThat(byType).isEqualTo(seeded.report().eventsByType());
    }

    @SearchEngineTest
    void compressesLargePlotsExactlyAsTheServerDoes(SearchEngine engine, Sandbox source)
            throws Exception {
        Seeded seeded = seeded(engine, source);
        List<JsonNode> plots = seeded.events().stream().map(StoredEvents.Hit::source)
                .filter(e -> "plot".equals(e.path("type").asText())).toList();

        List<JsonNode> compressed = plots.stream().filter(p -> p.has("plot_data")).toList();
        assertThat(compressed).isNotEmpty();
        for (JsonNode plot : compressed) {
            String data = plot.path("plot_data").asText();
            assertThat(plot.has("plot_str")).isFalse();
            assertThat(data).endsWith("\n");
            assertThat(data.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
            assertThat(data.split("\n")[0]).hasSize(76);
            String plotStr = inflate(Base64.getMimeDecoder().decode(data));
            assertThat(plotStr.codePointCount(0, plotStr.length())).isGreaterThanOrEqualTo(100_000)
                    .isEqualTo(plot.path("plot_len").asInt());
            assertThat(JSON.readTree(plotStr).path("layout").path("images").isArray()).isTrue();
        }
        assertThat(plots).filteredOn(p -> p.has("plot_str")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("plot_len").asInt()).isLessThan(100_000)
                    .isEqualTo(p.path("plot_str").asText().codePointCount(0, p.path("plot_str").asText().length()));
            assertThat(p.path("plot_str").asText()).contains(p.path("source_urls").get(0).asText());
        });
    }

    @SearchEngineTest
    void pointsImageUrlsAtStoredFiles(SearchEngine engine, Sandbox source) {
        Seeded seeded = seeded(engine, source);
        List<String> urls = new ArrayList<>();
        for (StoredEvents.Hit hit : seeded.events()) {
            if (hit.source().has("url")) {
                urls.add(hit.source().path("url").asText());
            }
            hit.source().path("source_urls").forEach(u -> urls.add(u.asText()));
        }
        assertThat(urls).isNotEmpty().allSatisfy(url -> {
            assertThat(url).startsWith(source.fileserverUrl() + "/");
            assertThat(Files.isRegularFile(seeded.files().resolve(FileServerPaths.relativePath(url)))).as(url).isTrue();
        });
        assertThat(urls).anySatisfy(url -> assertThat(url).contains(" "));
    }

    @SearchEngineTest
    void keepsLastMetricsConsistentWithTheScalarEvents(SearchEngine engine, Sandbox source) {
        Seeded seeded = seeded(engine, source);
        Map<String, Document> entities = new HashMap<>();
        seeded.documents().of("backend.task").forEach(t -> entities.put(t.getString("_id"), t));
        seeded.documents().of("backend.model").forEach(m -> entities.put(m.getString("_id"), m));
        Map<String, List<JsonNode>> scalars = new HashMap<>();
        seeded.events().stream().map(StoredEvents.Hit::source)
                .filter(e -> "training_stats_scalar".equals(e.path("type").asText()))
                .forEach(e -> scalars.computeIfAbsent(e.path("task").asText() + "\u0000" + e.path("metric").asText()
                        + "\u0000" + e.path("variant").asText(), k -> new ArrayList<>()).add(e));

        assertThat(scalars).isNotEmpty();
        scalars.forEach((key, series) -> {
            String[] parts = key.split("\u0000");
            Document metric = entities.get(parts[0]).get("last_metrics", Document.class)
                    .get(Hashes.md5(parts[1]), Document.class).get(Hashes.md5(parts[2]), Document.class);
            JsonNode last = series.stream().max((a, b) -> Integer.compare(a.path("iter").asInt(), b.path("iter").asInt()))
                    .orElseThrow();
            assertThat(((Number) metric.get("count")).longValue()).isEqualTo(series.size());
            assertThat(metric.getDouble("value")).isEqualTo(last.path("value").asDouble());
            assertThat(metric.getDouble("min_value")).isEqualTo(series.stream().mapToDouble(e -> e.path("value")
                    .asDouble()).min().orElseThrow());
            assertThat(metric.getDouble("max_value")).isEqualTo(series.stream().mapToDouble(e -> e.path("value")
                    .asDouble()).max().orElseThrow());
        });
    }

    private static Seeded seeded(SearchEngine engine, Sandbox source) {
        return SEEDED.computeIfAbsent(engine.name(), name -> seed(engine, source, fileRoot.resolve(name)));
    }

    private static Seeded seed(SearchEngine engine, Sandbox source, Path files) {
        source.reset();
        StoredEvents stored = new StoredEvents(engine.uri());
        stored.deleteEventIndices();
        SeedReport report = new Seeder().seed(source.mongoUri(), engine.uri(), files, source.fileserverUrl(),
                SeedSize.small());
        Map<String, Long> counts = new HashMap<>();
        report.eventsByIndex().keySet().forEach(index -> counts.put(index, stored.count(index)));
        return new Seeded(report, StoredDocuments.read(source.mongoUri()), stored.all(), counts, files);
    }

    /** Task or model id -> the lower-cased company whose indices must hold its events (data model §1.2, §2.1). */
    private static Map<String, String> indexCompanies(StoredDocuments documents) {
        Map<String, String> companies = new HashMap<>();
        for (String collection : List.of("backend.task", "backend.model")) {
            for (Document entity : documents.of(collection)) {
                String company = entity.getString("company");
                companies.put(entity.getString("_id"), (company.isEmpty() ? entity.getString("company_origin")
                        : company).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return companies;
    }

    /** {@code "-".join(str(event[f]) for f in ("task","iter","metric","variant","key") if f in event)} (§2.4). */
    private static String idSource(JsonNode event) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("task", "iter", "metric", "variant", "key")) {
            if (event.has(field)) {
                parts.add(event.path(field).asText());
            }
        }
        return String.join("-", parts);
    }

    private static String inflate(byte[] zlib) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(zlib);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toString(StandardCharsets.UTF_8);
    }

    private record Seeded(SeedReport report, StoredDocuments documents, List<StoredEvents.Hit> events,
            Map<String, Long> countsByIndex, Path files) {
    }
}
