package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusFilterTest {

    @Test
    void defaultsToPublishedAsClearmlsTool() {
        assertThat(StatusFilter.parse(List.of(), false).statuses()).containsExactly("published");
    }

    @Test
    void acceptsCommaSeparatedAndMixedCase() {
        assertThat(StatusFilter.parse(List.of("Completed,failed", "stopped"), false).statuses())
                .containsExactlyInAnyOrder("completed", "failed", "stopped");
    }

    @ParameterizedTest
    @CsvSource({"queued", "in_progress"})
    void refusesActiveStatusesAndSaysToStopOrDequeue(String status) {
        assertThatThrownBy(() -> StatusFilter.parse(List.of(status), false))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(status)
                .hasMessageContaining("stop or dequeue");
    }

    @Test
    void refusesUnknownStatusListingTheValidOnes() {
        assertThatThrownBy(() -> StatusFilter.parse(List.of("done"), false))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("done")
                .hasMessageContaining("created, stopped, publishing, published, closed, failed, completed, unknown");
    }

    @ParameterizedTest(name = "{0} archived={1} includeArchived={2} -> {3}")
    @CsvSource({
            "published, false, false, EXPORTED",
            "completed, false, false, SKIPPED_STATUS",
            "published, true,  false, SKIPPED_ARCHIVED",
            "completed, true,  false, SKIPPED_ARCHIVED",
            "published, true,  true,  EXPORTED",
            "completed, true,  true,  SKIPPED_STATUS"})
    void judgesStatusAndArchivedState(String status, boolean archived, boolean includeArchived,
                                      StatusFilter.Verdict expected) {
        TaskRef task = new TaskRef("t", "n", "c", "", "p", status, archived ? Set.of("archived") : Set.of(),
                List.of());

        assertThat(StatusFilter.parse(List.of(), includeArchived).judge(task)).isEqualTo(expected);
    }
}
