package clearml.migrate.moving;

import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventType;
import clearml.migrate.events.ReindexJob;
import clearml.migrate.events.ReindexOutcome;
import clearml.migrate.events.RemoteCluster;
import clearml.migrate.events.RemoteReindex;
import clearml.migrate.links.LinkTally;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A slice the target engine moves itself: {@code _reindex} from the remote source (or within the cluster when
 * source and target are one) with the {@code EngineRewrite} script, waited for as a task of the target.
 */
final class ReindexSlice {

    /** Events per page the remote sends; plots are large and the target buffers a page whole (100 MiB at most). */
    private static final int PAGE = 1_000;
    private static final int PLOT_PAGE = 100;

    private ReindexSlice() {
    }

    /** Runs the slice on the target, reading {@code source}, or the target's own indices when it is null. */
    static SliceResult run(Slice slice, RemoteReindex target, @Nullable RemoteCluster source, ObjectNode script) {
        ReindexJob job = new ReindexJob(source, EventIndexNames.index(slice.type(), slice.sourceCompany()),
                slice.query().toJson(), slice.type() == EventType.PLOT ? PLOT_PAGE : PAGE, slice.targetIndex(),
                script);
        ReindexOutcome outcome = target.run(job);
        return new SliceResult(slice.type(), EventsVia.REINDEX, outcome.written(), outcome.failures(),
                new LinkTally(0));
    }
}
