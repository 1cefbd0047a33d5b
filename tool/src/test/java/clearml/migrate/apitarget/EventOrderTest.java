package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.api.ApiJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The events of one entity come out by (iteration, timestamp), ties in the order they went in, the same whether
 * they fit in one run or were spilled to temp files in many, and the temp files are gone once it is closed.
 */
class EventOrderTest {

    @ParameterizedTest
    @ValueSource(longs = {1 << 30, 4096, 1})
    void ordersByIterationThenTimeKeepingTiesInArrivalOrderInRunsOfAnySize(long runBytes) {
        List<ObjectNode> events = shuffledEvents(2_000);
        List<ObjectNode> expected = new ArrayList<>(events);
        expected.sort(EventOrder.ORDER); // List.sort is stable: ties stay in arrival order

        List<ObjectNode> sorted = new ArrayList<>();
        List<Long> places = new ArrayList<>();
        int spilled;
        try (EventOrder order = new EventOrder(runBytes)) {
            events.forEach(event -> order.add(event, event.toString().length() + 1L));
            order.sorted().forEachRemaining(entry -> {
                sorted.add(entry.event());
                places.add(entry.sequence());
            });
            spilled = order.spilledRuns();
        }

        assertThat(sorted).isEqualTo(expected);
        assertThat(places).as("each event's place in the order of adding")
                .isEqualTo(expected.stream().map(event -> event.path("arrival").asLong()).toList());
        if (runBytes == 1 << 30) {
            assertThat(spilled).as("one run, never spilled").isZero();
        } else {
            assertThat(spilled).as("runs spilled and merged").isGreaterThan(1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1 << 30, 1})
    void keepsNonFiniteValuesThroughTheTempFiles(long runBytes) {
        ObjectNode nan = ApiJson.object().put("iter", 2).put("timestamp", 1).put("value", Double.NaN);
        ObjectNode infinite = ApiJson.object().put("iter", 1).put("timestamp", 1)
                .put("value", Double.NEGATIVE_INFINITY);
        List<ObjectNode> sorted = new ArrayList<>();
        try (EventOrder order = new EventOrder(runBytes)) {
            order.add(nan, 1);
            order.add(infinite, 1);
            order.sorted().forEachRemaining(entry -> sorted.add(entry.event()));
        }

        assertThat(sorted).extracting(e -> e.path("value").doubleValue())
                .containsExactly(Double.NEGATIVE_INFINITY, Double.NaN);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deletesItsTempFilesWhenClosedReadToTheEndOrNot(boolean readToTheEnd) throws Exception {
        List<Path> before = tempRuns();
        try (EventOrder order = new EventOrder(1)) {
            shuffledEvents(10).forEach(event -> order.add(event, 1));
            Iterator<EventOrder.Sequenced> sorted = order.sorted();
            assertThat(tempRuns()).hasSize(before.size() + 10);
            if (readToTheEnd) {
                sorted.forEachRemaining(event -> { });
            } else {
                sorted.next();
            }
        }

        assertThat(tempRuns()).containsExactlyInAnyOrderElementsOf(before);
    }

    /** Events with few distinct iterations and times, so that many tie; each numbered in arrival order. */
    private static List<ObjectNode> shuffledEvents(int count) {
        Random random = new Random(15);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(ApiJson.object().put("iter", random.nextInt(20)).put("timestamp", random.nextInt(5))
                    .put("arrival", i).put("value", random.nextDouble()));
        }
        return events;
    }

    private static List<Path> tempRuns() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("clearml-migrate-events-")).toList();
        }
    }
}
