package clearml.migrate.relinking;

import clearml.migrate.events.EventIndex;
import clearml.migrate.events.EventStore;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.progress.Progress;
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
 * Rewrites, in place on a live server, every stored URL that starts with one prefix to start with another: the
 * URL places (data model §7.4) of projects, tasks, deleted tasks and models in MongoDB, then of debug-image and plot
 * events (task and model events) in Elasticsearch. Unlike ClearML's {@code fix_fileserver_urls.py} (§7.2) it
 * fixes the events itself rather than printing commands to run. Free-text fields are left alone.
 *
 * <p>Safe to repeat: URLs already rewritten no longer start with the source ({@link RelinkSettings} refuses a
 * target that does), so a second run changes nothing; an interrupted run is finished by running it again.
 */
public final class Relinker {

    private final ClearmlMongo mongo;
    private final EventStore events;

    public Relinker(ClearmlMongo mongo, EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    /**
     * Relinks, or with {@link RelinkSettings#dryRun()} counts and samples what a relink would change.
     *
     * @throws clearml.migrate.failures.MigrateException when a store is unreachable, refuses the credentials, or
     *     holds no ClearML data
     */
    public RelinkReport run(RelinkSettings settings, Progress progress) {
        long start = System.nanoTime();
        // Both stores answer before anything is written, so an unreachable one stops the run untouched.
        mongo.requireClearml();
        events.info();
        LinkRewriter rewriter = new LinkRewriter(settings.urlMap());
        CompanyScope scope = new CompanyScope(settings.companies());
        LinkTally samples = new LinkTally(RelinkSettings.SAMPLES_PER_PLACE);
        List<RelinkedSource> sources = new ArrayList<>();
        try (UndoJournal journal = journal(settings)) {
            CollectionRelink collections = new CollectionRelink(mongo, rewriter, settings, scope, journal);
            for (EntityCollection entities : presentCollections()) {
                sources.add(collections.run(entities, progress, samples));
            }
            IndexRelink indices = new IndexRelink(events, rewriter, settings.dryRun(), journal);
            for (EventIndex index : linkedIndices(scope)) {
                sources.add(indices.run(index, progress, samples));
            }
            if (journal != null) {
                journal.commit(Clock.systemUTC());
            }
        }
        return new RelinkReport(settings.dryRun(), settings.companies(), sources, RelinkSample.of(samples),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The journal of a run that writes, when one is asked for; the prefixes stay out: they may hold passwords. */
    private static @Nullable UndoJournal journal(RelinkSettings settings) {
        Path undoLog = settings.undoLog();
        if (settings.dryRun() || undoLog == null) {
            return null;
        }
        Map<String, String> flags = Map.of("companies", String.join(",", settings.companies()));
        return UndoJournal.create(undoLog, new Header("relink", flags, Instant.now()));
    }

    /** The collections this server has ({@code task__trash} exists only once a task was deleted). */
    private List<EntityCollection> presentCollections() {
        List<String> names = mongo.retrying(() -> mongo.backend().listCollectionNames().into(new ArrayList<>()));
        List<EntityCollection> present = new ArrayList<>();
        for (EntityCollection entities : EntityCollection.values()) {
            if (names.contains(entities.collection())) {
                present.add(entities);
            }
        }
        return present;
    }

    /** The indices of the event types that hold URL places; logs and scalars are not scanned. */
    private List<EventIndex> linkedIndices(CompanyScope scope) {
        return events.eventIndices().stream()
                .filter(index -> LinkPlace.Holder.eventTypes().contains(index.type()) && scope.covers(index))
                .toList();
    }
}
