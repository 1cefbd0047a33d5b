package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.EventTally;
import clearml.migrate.archive.SourceState;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a delta treats one task, from its stamp and event tally in the base and now (pure decision, no store). */
class DeltaPlanTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                   | base stamp | base count | base newest | stamp now | count now | newest now | newer now | written | events   | events, whole
            unchanged                                | s1 | 5 | 100 | s1 | 5 | 100 | 0 | false | -        | -
            document edited, events unchanged        | s1 | 5 | 100 | s2 | 5 | 100 | 0 | true  | -        | replace
            events added after the newest            | s1 | 5 | 100 | s2 | 8 | 130 | 3 | true  | append 5 | replace
            events added, one older one deleted      | s1 | 5 | 100 | s2 | 7 | 130 | 3 | true  | replace  | replace
            an earlier event re-sent, stamped now    | s1 | 5 | 100 | s2 | 5 | 130 | 1 | true  | replace  | replace
            events added with older timestamps       | s1 | 5 | 100 | s2 | 7 | 100 | 0 | true  | replace  | replace
            every event deleted                      | s1 | 5 | 100 | s2 | 0 | 0   | 0 | true  | replace  | replace
            first events of a task that had none     | s1 | 0 | 0   | s2 | 2 | 50  | 2 | true  | replace  | replace
            events changed, stamp left alone         | s1 | 5 | 100 | s1 | 6 | 110 | 1 | true  | append 5 | replace
            """)
    void decidesWhatATaskBrings(String name, String baseStamp, long baseCount, long baseNewest, String stampNow,
            long countNow, long newestNow, long newerNow, boolean written, String events, String whole) {
        SourceState base = state(baseStamp, baseCount, baseNewest);
        SourceState now = state(stampNow, countNow, newestNow);

        DeltaPlan plan = new DeltaPlan(base, now, (id, after) -> after == baseNewest ? newerNow : -1);
        // For a target that rewrites a changed entity whole (the REST API's): all its events, whatever changed.
        DeltaPlan wholePlan = new DeltaPlan(base, now, (id, after) -> after == baseNewest ? newerNow : -1, true);

        assertThat(plan.writes(EntityKind.TASK, "t")).isEqualTo(written);
        assertThat(wholePlan.writes(EntityKind.TASK, "t")).isEqualTo(written);
        assertThat(describe(plan.events("t"))).isEqualTo(events);
        assertThat(describe(wholePlan.events("t"))).isEqualTo(whole);
    }

    private static @Nullable String describe(DeltaInfo.@Nullable EventsChange change) {
        return change == null ? null : change.append() ? "append " + change.offset() : "replace";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a task new since the base | -  | t  | written
            a task gone since         | t  | -  | deleted
            """)
    void newAndGoneTasks(String name, String inBase, String inNow, String expected) {
        SourceState base = inBase.equals("-") ? empty() : state("s1", 1, 10);
        SourceState now = inNow.equals("-") ? empty() : state("s1", 1, 10);

        DeltaPlan plan = new DeltaPlan(base, now, (id, after) -> 0);

        String outcome = plan.writes(EntityKind.TASK, "t") ? "written"
                : plan.info("b", "b.zip").deleted(EntityKind.TASK).contains("t") ? "deleted" : "nothing";
        assertThat(outcome).isEqualTo(expected);
    }

    private static SourceState state(String stamp, long count, long newest) {
        Map<String, EventTally> events = new HashMap<>();
        if (count > 0) {
            events.put("t", new EventTally(count, newest));
        }
        return new SourceState(Map.of(EntityKind.TASK, Map.of("t", stamp)), events);
    }

    private static SourceState empty() {
        return new SourceState(Map.of(), Map.of());
    }
}
