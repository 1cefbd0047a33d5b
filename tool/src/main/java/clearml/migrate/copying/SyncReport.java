package clearml.migrate.copying;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What each pass of a sync did: the changes it moved, tasks left for their status, and its copy's report. */
public record SyncReport(List<Pass> passes) {

    public SyncReport {
        passes = List.copyOf(passes);
    }

    /**
     * One pass.
     *
     * @param changes entities written plus entities deleted at the source since the last pass
     * @param leftForStatus tasks of the selection left out for their status (running or queued ones are copied by a
     *     later pass once they finish)
     * @param copied the copy of the changes; null when nothing changed and nothing was written
     */
    public record Pass(int number, boolean first, long changes, int leftForStatus, @Nullable CopyReport copied) {
    }

    /** Whether every pass arrived whole. */
    public boolean complete() {
        return passes.stream().allMatch(pass -> pass.copied() == null || pass.copied().complete());
    }
}
