package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.EventType;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statistics of a task's or model's events, each expected value worked out by hand from ClearML's
 * {@code _update_last_scalar_events_for_task}, {@code _update_last_metric_events_for_task} and
 * {@code get_last_metric_updates} (2.x) and their 1.x forms, for a fresh entity receiving the events in one batch.
 */
class EventStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** loss/train, loss/val and acc/top1 over three iterations; event 5 has iteration 1 but an older timestamp. */
    private static final List<ObjectNode> SCALARS = List.of(
            scalar("loss", "train", 0, 100, "2.0"),
            scalar("loss", "val", 0, 101, "3"),
            scalar("acc", "top1", 0, 102, "0.5").put("x_axis_label", "epoch"),
            scalar("loss", "train", 1, 200, "1.0"),
            scalar("loss", "train", 1, 199, "1.5"),
            scalar("loss", "val", 2, 300, "4"),
            scalar("acc", "top1", 1, 250, "0.5"));

    @Test
    void version2KeepsLatestMinMaxFirstCountAndMeanPerMetricVariant() {
        EventStatistics stats = fold(ServerGeneration.V2, false, SCALARS);

        assertThat(stats.lastMetrics()).isEqualTo(new Document()
                .append(md5("loss"), new Document()
                        .append(md5("train"), entry2("loss", "train", 1.0, 1.0, 1, 2.0, 0, 2.0, 0, 3, 1.5))
                        .append(md5("val"), entry2("loss", "val", 4, 3, 0, 4, 2, 3, 0, 2, 3.5)))
                .append(md5("acc"), new Document(md5("top1"),
                        entry2("acc", "top1", 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 2, 0.5).append("x_axis_label", "epoch"))));
        assertThat(stats.uniqueMetrics()).containsExactly("loss/train", "loss/val", "acc/top1");
        assertThat(stats.metricStats()).isEqualTo(new Document()
                .append(md5("loss"), stats("loss", "training_stats_scalar", 300))
                .append(md5("acc"), stats("acc", "training_stats_scalar", 250)));
        assertThat(stats.lastIteration()).isEqualTo(2L);
    }

    @Test
    void version1KeepsNoCountMeanFirstOrLabelAndNoUniqueMetrics() {
        EventStatistics stats = fold(ServerGeneration.V1, false, SCALARS);

        assertThat(stats.lastMetrics()).isEqualTo(new Document()
                .append(md5("loss"), new Document()
                        .append(md5("train"), entry1("loss", "train", 1.0, 1.0, 1, 2.0, 0))
                        .append(md5("val"), entry1("loss", "val", 4, 3, 0, 4, 2)))
                .append(md5("acc"), new Document(md5("top1"), entry1("acc", "top1", 0.5, 0.5, 0, 0.5, 0))));
        assertThat(stats.uniqueMetrics()).isNull();
        assertThat(stats.lastIteration()).isEqualTo(2L);
    }

    @Test
    void version1LooksAtMinAndMaxOnlyForTheLatestEventVersion2AtEvery() {
        List<ObjectNode> events = List.of(scalar("x", "y", 5, 10, "1"), scalar("x", "y", 3, 20, "-7"));

        assertThat(fold(ServerGeneration.V2, false, events).lastMetrics().get(md5("x"), Document.class).get(md5("y")))
                .isEqualTo(entry2("x", "y", 1, -7, 3, 1, 5, -7, 3, 2, -3.0));
        assertThat(fold(ServerGeneration.V1, false, events).lastMetrics().get(md5("x"), Document.class).get(md5("y")))
                .isEqualTo(entry1("x", "y", 1, 1, 5, 1, 5));
    }

    @Test
    void logEventsCountInMetricStatsUnderTheEmptyMetricOnVersion2Only() {
        List<ObjectNode> logs = List.of(event("log", "", 0, 10), event("log", "", 3, 30), event("log", "", 2, 20));

        EventStatistics version2 = fold(ServerGeneration.V2, false, logs);
        assertThat(version2.metricStats()).isEqualTo(new Document(md5(""), stats("", "log", 30)));
        assertThat(version2.lastMetrics()).isEmpty();
        assertThat(version2.uniqueMetrics()).isEmpty();
        assertThat(version2.lastIteration()).isEqualTo(3L);
        EventStatistics version1 = fold(ServerGeneration.V1, false, logs);
        assertThat(version1.metricStats()).isEmpty();
        assertThat(version1.lastIteration()).isEqualTo(3L);
    }

    @Test
    void plotsAndDebugImagesGiveMetricStatsPerTypeAndTheHighestIteration() {
        EventStatistics stats = fold(ServerGeneration.V2, false, List.of(event("plot", "cm", 4, 500),
                event("training_debug_image", "img", 7, 400), event("training_debug_image", "img", 6, 450),
                event("plot", "img", 1, 90)));

        assertThat(stats.metricStats()).isEqualTo(new Document()
                .append(md5("cm"), stats("cm", "plot", 500))
                .append(md5("img"), new Document("metric", "img").append("event_stats_by_type", new Document()
                        .append("training_debug_image", new Document("last_update", 450L))
                        .append("plot", new Document("last_update", 90L)))));
        assertThat(stats.lastMetrics()).isEmpty();
        assertThat(stats.lastIteration()).isEqualTo(7L);
    }

    @Test
    void monitorMetricsDoNotRaiseTheIteration() {
        EventStatistics stats = fold(ServerGeneration.V2, false, List.of(scalar(":monitor:machine", "cpu", 900, 1, "5"),
                scalar(":monitor:gpu", "mem", 800, 2, "6"), scalar("loss", "t", 9, 3, "1")));

        assertThat(stats.lastIteration()).isEqualTo(9L);
        assertThat(stats.uniqueMetrics()).containsExactly(":monitor:machine/cpu", ":monitor:gpu/mem", "loss/t");
    }

    @Test
    void modelsGetScalarStatisticsWithoutMetricStatsOrLogsOnVersion2AndNothingOnVersion1() {
        List<ObjectNode> events = List.of(scalar("m", "v", 4, 10, "0.25"), event("log", "", 50, 20));

        EventStatistics version2 = fold(ServerGeneration.V2, true, events);
        assertThat(version2.lastIteration()).isEqualTo(4L);
        assertThat(version2.lastMetrics()).isEqualTo(new Document(md5("m"),
                new Document(md5("v"), entry2("m", "v", 0.25, 0.25, 4, 0.25, 4, 0.25, 4, 1, 0.25))));
        assertThat(version2.metricStats()).isEmpty();
        EventStatistics version1 = fold(ServerGeneration.V1, true, events);
        assertThat(version1.lastIteration()).isNull();
        assertThat(version1.lastMetrics()).isEmpty();
    }

    @Test
    void anEmptyVariantIsAMetricOnVersion2AndSkippedOnVersion1() {
        List<ObjectNode> events = List.of(scalar("m", "", 1, 10, "2"));

        assertThat(fold(ServerGeneration.V2, false, events).uniqueMetrics()).containsExactly("m/");
        assertThat(fold(ServerGeneration.V1, false, events).lastMetrics()).isEmpty();
    }

    @Test
    void version2KeepsTheFirst2000MetricVariantPairs() {
        List<ObjectNode> events = new java.util.ArrayList<>();
        for (int i = 0; i <= 2000; i++) {
            events.add(scalar("m", "v" + i, 0, i, "1"));
        }

        EventStatistics stats = fold(ServerGeneration.V2, false, events);

        assertThat(stats.uniqueMetrics()).hasSize(2000).doesNotContain("m/v2000");
        assertThat(stats.lastMetrics().get(md5("m"), Document.class)).hasSize(2000).doesNotContainKey(md5("v2000"));
    }

    /** MongoDB's {@code $round: [x, 2]} on a double: its 34-digit decimal, half to even; NaN past 34 digits. */
    @ParameterizedTest
    @CsvSource({
        "0.125, 0.12", "0.375, 0.38", "2.675, 2.67", "1.005, 1.0", "-0.001, -0.0", "-0.0, -0.0",
        "1e-40, 0.0", "123456.789, 123456.79", "1e31, 1e31", "1e32, NaN", "3.4028234663852886e38, NaN",
        "Infinity, Infinity", "-Infinity, -Infinity", "NaN, NaN"})
    void theMeanIsRoundedAsMongoDbRoundsADouble(double mean, double stored) {
        assertThat(Double.compare(MetricSeries.mean(mean), stored)).as("%s -> %s", mean, MetricSeries.mean(mean))
                .isZero();
    }

    private static EventStatistics fold(ServerGeneration generation, boolean model, List<ObjectNode> events) {
        EventStatistics stats = new EventStatistics(generation, model);
        for (ObjectNode event : events) {
            ObjectNode copy = event.deepCopy();
            String label = copy.has("x_axis_label") ? copy.remove("x_axis_label").asText() : null;
            stats.add(copy, EventType.fromValue(copy.get("type").asText()), label);
        }
        return stats;
    }

    private static ObjectNode scalar(String metric, String variant, long iter, long timestamp, String value) {
        ObjectNode event = event("training_stats_scalar", metric, iter, timestamp).put("variant", variant);
        try {
            event.set("value", JSON.readTree(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return event;
    }

    private static ObjectNode event(String type, String metric, long iter, long timestamp) {
        return JSON.createObjectNode().put("task", "t").put("type", type).put("timestamp", timestamp).put("iter", iter)
                .put("metric", metric).put("variant", "");
    }

    private static Document entry1(String metric, String variant, Object value, Object min, int minIter, Object max,
            int maxIter) {
        return new Document("metric", metric).append("variant", variant).append("value", value)
                .append("min_value", min).append("min_value_iteration", minIter)
                .append("max_value", max).append("max_value_iteration", maxIter);
    }

    private static Document entry2(String metric, String variant, Object value, Object min, int minIter, Object max,
            int maxIter, Object first, int firstIter, int count, double mean) {
        return entry1(metric, variant, value, min, minIter, max, maxIter).append("first_value", first)
                .append("first_value_iteration", firstIter).append("count", count).append("mean_value", mean);
    }

    private static Document stats(String metric, String type, long lastUpdate) {
        return new Document("metric", metric).append("event_stats_by_type",
                new Document(type, new Document("last_update", lastUpdate)));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
