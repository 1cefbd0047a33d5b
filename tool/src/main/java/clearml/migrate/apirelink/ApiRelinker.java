package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.failures.UsageException;
import clearml.migrate.links.LinkPlace.Holder;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import clearml.migrate.relinking.RelinkReport;
import clearml.migrate.relinking.RelinkSample;
import clearml.migrate.relinking.RelinkSettings;
import clearml.migrate.relinking.RelinkedSource;
import clearml.migrate.undo.JournalRecord.Header;
import clearml.migrate.undo.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code relink --api-host}: the same rewrite as {@link clearml.migrate.relinking.Relinker}, with the same
 * {@link RelinkSettings} and link engine, on a server reached only through its REST API. Projects, tasks (reports
 * are tasks) and models are listed, each changed field written back through the narrowest call the server has for
 * it ({@link ApiField}) and read back; each task's and model's debug-image and plot events are re-sent
 * ({@link EventRelink}). What the API cannot rewrite is listed per entity in the report, never skipped silently.
 *
 * <p>Safe to repeat, as the direct relink is: rewritten URLs no longer match, so a rerun changes nothing, and an
 * interrupted run is finished by running it again.
 */
public final class ApiRelinker {

    /** The journal header's command: {@code undo --api-host} takes only these journals. */
    public static final String COMMAND = "relink --api-host";
    static final String STORE = "api";

    private final ApiClient client;

    public ApiRelinker(ApiClient client) {
        this.client = client;
    }

    /**
     * Relinks, or with {@link RelinkSettings#dryRun()} lists what a relink would change and what it could not.
     *
     * @throws UsageException when {@code --company} names another company than the key's
     */
    public ApiRelinkReport run(RelinkSettings settings, Progress progress) {
        long start = System.nanoTime();
        String company = String.valueOf(client.identity().companyId()); // logs in before anything is written
        if (settings.companies().stream().anyMatch(other -> !other.equals(company))) {
            throw new UsageException("relink --api-host reaches only the company of its key (" + company + "); "
                    + "drop --company, or relink on the server's stores (--mongo-host, --elastic-host)");
        }
        LinkRewriter rewriter = new LinkRewriter(settings.urlMap());
        LinkTally samples = new LinkTally(RelinkSettings.SAMPLES_PER_PLACE);
        List<NotRewritten> notRewritten = new ArrayList<>();
        List<RelinkedSource> sources = new ArrayList<>();
        try (UndoJournal journal = journal(settings)) {
            DocumentRelink documents = new DocumentRelink(client, rewriter, settings.dryRun(), journal, notRewritten);
            EventRelink events = new EventRelink(client, rewriter, settings.dryRun(), journal);
            sources.add(documents.run(Holder.PROJECT, progress, samples, entity -> { }));
            for (Holder holder : List.of(Holder.TASK, Holder.MODEL)) {
                sources.add(documents.run(holder, progress, samples, entity -> events.run(entity, samples,
                        notRewritten)));
            }
            events.totals().forEach(total -> sources.add(total.source()));
            if (journal != null) {
                journal.commit(Clock.systemUTC());
            }
        }
        RelinkReport relinked = new RelinkReport(settings.dryRun(), settings.companies(), sources,
                RelinkSample.of(samples), (System.nanoTime() - start) / 1_000_000);
        return new ApiRelinkReport(relinked, client.host().toString(), notRewritten, notes());
    }

    /** The journal of a run that writes; the prefixes stay out, as in a direct relink: they may hold passwords. */
    private @Nullable UndoJournal journal(RelinkSettings settings) {
        Path undoLog = settings.undoLog();
        if (settings.dryRun() || undoLog == null) {
            return null;
        }
        Map<String, String> flags = Map.of("server", client.host().toString(),
                "companies", String.join(",", settings.companies()));
        return UndoJournal.create(undoLog, new Header(COMMAND, flags, Instant.now()));
    }

    /** What the API changes besides the URLs, and what it cannot reach (server code, clearml-rest-api.md). */
    private static List<String> notes() {
        return List.of(
                "each task and model written is restamped by the server: last_change, last_changed_by, and "
                        + "last_update for task and report edits and URI changes; undo does not restore them",
                "each re-sent event gets a new @timestamp (the write time), and its task's last_update and "
                        + "metric_stats (the re-sent metrics' newest times) are set again by the server",
                "deleted tasks (task__trash) are not reachable through the API: relink them on the stores");
    }
}
