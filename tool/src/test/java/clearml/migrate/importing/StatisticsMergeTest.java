package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.EventType;
import clearml.migrate.importing.StatisticsMerge.Change;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * What the import does with archived statistics once it has computed them from the events: keeps what agrees
 * (the very same values), fills what is missing, corrects what disagrees, and leaves alone what the events do not
 * cover. Two scalars of loss/train (iterations 0 and 1, values 2.0 and 1.0) and one log line at iteration 4.
 */
class StatisticsMergeTest {

    private static final String LOSS = "81513effdf5790b79549208838404407";
    private static final String TRAIN = "61b3a8faa9c1091806675c230a9abe64";
    private static final String EMPTY = "d41d8cd98f00b204e9800998ecf8427e";

    private final EventStatistics computed = fold(scalar(0, 100, 2.0), scalar(1, 200, 1.0), log(4, 300));

    /** The task as a 2.x server left it after these events: the statistics worked out by hand. */
    private static Document agreeing() {
        return new Document("_id", "t").append("last_iteration", 4)
                .append("last_metrics", new Document(LOSS, new Document(TRAIN, entry(1.5))))
                .append("unique_metrics", List.of("loss/train"))
                .append("metric_stats", new Document()
                        .append(LOSS, new Document("metric", "loss").append("event_stats_by_type",
                                new Document("training_stats_scalar", new Document("last_update", 200L))))
                        .append(EMPTY, new Document("metric", "").append("event_stats_by_type",
                                new Document("log", new Document("last_update", 300L)))));
    }

    private static Document entry(double mean) {
        return new Document("metric", "loss").append("variant", "train").append("value", 1.0)
                .append("min_value", 1.0).append("min_value_iteration", 1).append("max_value", 2.0)
                .append("max_value_iteration", 0).append("first_value", 2.0).append("first_value_iteration", 0)
                .append("count", 2).append("mean_value", mean);
    }

    @Test
    void statisticsThatAgreeWithTheEventsStayAsTheyAre() {
        Document task = agreeing();
        Object lastMetrics = task.get("last_metrics");

        Map<String, Change> changes = StatisticsMerge.apply(task, computed, true);

        assertThat(task).isEqualTo(agreeing());
        assertThat(task.get("last_metrics")).isSameAs(lastMetrics);
        assertThat(changes).containsOnly(Map.entry("last_iteration", Change.KEPT), Map.entry("last_metrics", Change.KEPT),
                Map.entry("unique_metrics", Change.KEPT), Map.entry("metric_stats", Change.KEPT));
    }

    @Test
    void missingStatisticsAreFilled() {
        Document task = new Document("_id", "t");

        Map<String, Change> changes = StatisticsMerge.apply(task, computed, true);

        assertThat(task).isEqualTo(agreeing());
        assertThat(changes.values()).containsOnly(Change.FILLED);
    }

    @Test
    void aVersion1EntryGetsTheVersion2FieldsItLacks() {
        Document task = agreeing();
        Document entry = task.get("last_metrics", Document.class).get(LOSS, Document.class).get(TRAIN, Document.class);
        List.of("first_value", "first_value_iteration", "count", "mean_value").forEach(entry::remove);

        assertThat(StatisticsMerge.apply(task, computed, true)).containsEntry("last_metrics", Change.FILLED);
        assertThat(task).isEqualTo(agreeing());
    }

    @Test
    void aWrongCountIsCorrectedAndTheEntrysOtherFieldsStay() {
        Document task = agreeing();
        Document entry = task.get("last_metrics", Document.class).get(LOSS, Document.class).get(TRAIN, Document.class);
        entry.append("count", 4).append("x_axis_label", "epoch");

        assertThat(StatisticsMerge.apply(task, computed, true)).containsEntry("last_metrics", Change.CORRECTED);
        assertThat(task.get("last_metrics", Document.class).get(LOSS, Document.class).get(TRAIN))
                .isEqualTo(entry(1.5).append("x_axis_label", "epoch"));
    }

    @Test
    void aMeanOneStepOffIsKeptTwoStepsOffIsCorrected() {
        Document oneStep = agreeing();
        setMean(oneStep, 1.51);
        Document twoSteps = agreeing();
        setMean(twoSteps, 1.52);

        assertThat(StatisticsMerge.apply(oneStep, computed, true)).containsEntry("last_metrics", Change.KEPT);
        assertThat(StatisticsMerge.apply(twoSteps, computed, true)).containsEntry("last_metrics", Change.CORRECTED);
        assertThat(twoSteps).isEqualTo(agreeing());
    }

    @Test
    void aHigherArchivedIterationAndStatisticsTheEventsDoNotCoverStay() {
        Document task = agreeing().append("last_iteration", 99);
        task.get("last_metrics", Document.class).put("other", new Document("v", new Document("value", 7)));
        task.put("unique_metrics", List.of("other/v", "loss/train"));

        StatisticsMerge.apply(task, computed, true);

        assertThat(task.get("last_iteration")).isEqualTo(99);
        assertThat(task.get("last_metrics", Document.class)).containsKeys("other", LOSS);
        assertThat(task.getList("unique_metrics", String.class)).containsExactly("other/v", "loss/train");
    }

    @Test
    void eventsBeyondTheArchivedIterationCorrectIt() {
        Document task = agreeing().append("last_iteration", 2);

        assertThat(StatisticsMerge.apply(task, computed, true)).containsEntry("last_iteration", Change.CORRECTED);
        assertThat(task.get("last_iteration")).isEqualTo(4);
    }

    @Test
    void aMetricStatsEntryForAnotherTimeIsCorrected() {
        Document task = agreeing();
        task.get("metric_stats", Document.class).get(EMPTY, Document.class).get("event_stats_by_type", Document.class)
                .put("log", new Document("last_update", 299L));

        assertThat(StatisticsMerge.apply(task, computed, true)).containsEntry("metric_stats", Change.CORRECTED);
        assertThat(task).isEqualTo(agreeing());
    }

    @Test
    void nothingChangesWithoutEvents() {
        Document task = agreeing().append("last_iteration", 0);

        assertThat(StatisticsMerge.apply(task, new EventStatistics(ServerGeneration.V2, false), true)).isEmpty();
        assertThat(task).isEqualTo(agreeing().append("last_iteration", 0));
    }

    private static void setMean(Document task, double mean) {
        task.get("last_metrics", Document.class).get(LOSS, Document.class).get(TRAIN, Document.class)
                .put("mean_value", mean);
    }

    private static EventStatistics fold(ObjectNode... events) {
        EventStatistics stats = new EventStatistics(ServerGeneration.V2, false);
        for (ObjectNode event : events) {
            stats.add(event, EventType.fromValue(event.get("type").asText()), null);
        }
        return stats;
    }

    private static ObjectNode scalar(long iter, long timestamp, double value) {
        return new ObjectMapper().createObjectNode().put("type", "training_stats_scalar").put("iter", iter)
                .put("timestamp", timestamp).put("metric", "loss").put("variant", "train").put("value", value);
    }

    private static ObjectNode log(long iter, long timestamp) {
        return new ObjectMapper().createObjectNode().put("type", "log").put("iter", iter).put("timestamp", timestamp)
                .put("metric", "").put("variant", "").put("msg", "done");
    }
}
