package clearml.migrate.copying;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.SelectionRequest;
import clearml.migrate.exporting.StatusFilter;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.UrlMap;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key a sync's state is found by names the selection the same way in every run. A status set's iteration order
 * changes from one JVM to the next ({@code Set.copyOf}), and a key that followed it made every {@code sync} started
 * as a new process a first pass: a test running passes in one JVM cannot see that, so the key's text is checked.
 */
class SyncKeyTest {

    @Test
    void theSelectionIsNamedWithItsStatusesSortedWhateverOrderTheyWereGivenIn() {
        String given = SyncKey.selectionName(settings(List.of("stopped", "completed", "created")));
        String reversed = SyncKey.selectionName(settings(List.of("created", "completed", "stopped")));

        assertThat(given).isEqualTo(reversed).contains("statuses=[completed, created, stopped]")
                .contains("archived=true").contains("events=true");
    }

    private static ExportSettings settings(List<String> statuses) {
        SelectionRequest all = new SelectionRequest(List.of(), List.of(), true, null, StatusFilter.parse(statuses,
                true));
        return new ExportSettings(all, Path.of("unused.zip"), true, false, false, false, UrlMap.empty(),
                ExportSettings.DEFAULT_WORKERS, FileServerUrls.heuristic());
    }
}
