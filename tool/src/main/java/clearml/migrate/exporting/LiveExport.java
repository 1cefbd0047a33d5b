package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.ArchiveUsers;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.ExtendedJson;
import clearml.migrate.archive.SourceState;
import clearml.migrate.failures.SelectionException;
import clearml.migrate.files.ArtifactCollector;
import clearml.migrate.links.LinkTally;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * An export read live, for {@code copy}: the {@link ArchiveContent} an archive of the same settings would hold,
 * produced from the source port by the export's own selection, trim, cleanup and {@code --url-map}
 * ({@link ArchiveJob#plan}, {@link EntityEdits}, {@link EventLines}), with no file on disk. Documents and events
 * go through their archive form (Extended JSON, archive lines) on the way, so an import reads exactly what it would
 * read from the archive. Each events stream is read on its own thread into a queue bounded in bytes
 * ({@link EventPipe}), so the source is read while the target is written. The caller owns the source.
 */
public final class LiveExport implements ArchiveContent {

    /** Documents asked for at once: what the source adapters read per request. */
    private static final int DOCUMENTS_AT_ONCE = 100;

    private final ExportSource source;
    private final @Nullable EventSource events;
    private final ArchiveJob.Plan plan;
    private final EntityEdits edits;
    private final ExportLinks links;
    private final ArtifactReferences references;
    private final SourceState state;
    private final Selection selection;
    private final @Nullable DeltaPlan changes;
    private final @Nullable DeltaInfo delta;
    private final ObjectNode metadata;
    private final @Nullable ArchiveUsers users;
    private final Map<String, EntityKey> eventOwners = new LinkedHashMap<>();
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "copy-events");
        thread.setDaemon(true);
        return thread;
    });

    private LiveExport(ExportSource source, ExportSettings settings, boolean withEvents, boolean withFiles,
            String toolVersion, @Nullable ArchiveLineage base, boolean whole) {
        this.source = source;
        this.selection = source.select(settings.selection());
        if (selection.projects().isEmpty() && selection.tasks().isEmpty() && selection.modelIds().isEmpty()) {
            throw new SelectionException("the selection matches no project, task or model; nothing was written");
        }
        // Tallies are read even when the events move apart: a sync tells changed events by them.
        EventSource sourceEvents = settings.events() ? source.events() : null;
        this.events = withEvents ? sourceEvents : null;
        HierarchyTrim trim = new HierarchyTrim(selection.projects());
        ArchiveJob.Plan full = ArchiveJob.plan(source, selection, trim);
        ExportCleanup cleanup = new ExportCleanup(settings.users(), settings.forClearml());
        this.links = new ExportLinks(settings.urlMap());
        this.references = new ArtifactReferences(withFiles, settings.fileServerUrls());
        this.edits = new EntityEdits(trim, links, references, cleanup);
        SourceStates states = new SourceStates(source, sourceEvents);
        this.state = states.read(full.projects(), full.tasks(), full.models());
        ExportMetadata metadata = Exporter.metadata(toolVersion, settings, source.versions(sourceEvents != null), "");
        this.changes = base == null ? null : new DeltaPlan(base.state(), state, states::newerThan, whole);
        this.delta = base == null ? null : changes.info(base.archiveId(), "the last pass");
        this.plan = changes == null ? full : full.only(changes);
        this.metadata = metadata.lineage(state, delta).build();
        this.users = users(settings, cleanup);
        if (events != null) {
            plan.tasks().stream().filter(this::carriesEvents).forEach(key -> eventOwners.put(key.id(), key));
            plan.models().stream().filter(key -> carriesEvents(key) && state.mayHaveEvents(key.id()))
                    .forEach(key -> eventOwners.put(key.id(), key));
        }
    }

    /**
     * The content an export of {@code settings} would write, read from {@code source} as it is asked for.
     *
     * @param withEvents false when the events move apart (engine to engine): the content then holds none, as an
     *     archive of {@code --no-events}
     * @param withFiles  whether the file-server files the content refers to are noted ({@link #fileReferences})
     */
    public static LiveExport open(ExportSource source, ExportSettings settings, boolean withEvents, boolean withFiles,
            String toolVersion) {
        return new LiveExport(source, settings, withEvents, withFiles, toolVersion, null, false);
    }

    /**
     * Only what changed at the source since {@code base} was read, as {@code export --since} writes it (new and
     * changed entities, events appended or replaced, deletions listed): a pass of {@code sync}.
     *
     * @param whole every written task and model with all its events, for a target that rewrites a changed entity
     *     whole rather than appending to it (the REST API's)
     */
    public static LiveExport since(ExportSource source, ExportSettings settings, boolean withEvents,
            boolean withFiles, String toolVersion, ArchiveLineage base, boolean whole) {
        return new LiveExport(source, settings, withEvents, withFiles, toolVersion, base, whole);
    }

    /**
     * The file-server files the documents and events read so far refer to (all of them once the import has read
     * the content), as {@code export --artifacts-from} collects them; empty unless asked for when opened.
     */
    public Optional<ArtifactCollector> fileReferences() {
        return Optional.ofNullable(references.collector());
    }

    /** A delta's entities carry events when their tally changed; a full content's all do. */
    private boolean carriesEvents(EntityKey key) {
        return changes == null || changes.events(key.id()) != null;
    }

    /** Whether this content is a delta (a pass of {@code sync}) rather than the whole selection. */
    public boolean isDelta() {
        return delta != null;
    }

    /** Whether a delta found nothing to write and nothing deleted. */
    public boolean unchanged() {
        return delta != null && plan.projects().isEmpty() && plan.tasks().isEmpty() && plan.models().isEmpty()
                && delta.deletedCount() == 0;
    }

    /** What this content changes at the target: entities written, plus those a delta lists as deleted. */
    public long changes() {
        return plan.projects().size() + plan.tasks().size() + plan.models().size()
                + (delta == null ? 0 : delta.deletedCount());
    }

    /** Tasks of the selected projects left out for their status: running or queued ones wait for a later pass. */
    public int leftForStatus() {
        return selection.skippedForStatus();
    }

    private @Nullable ArchiveUsers users(ExportSettings settings, ExportCleanup cleanup) {
        if (!settings.users() || !cleanup.keepsUsers()) {
            return null;
        }
        SourceUsers read = source.users(settings.selection().company(), settings.withCredentials());
        return new ArchiveUsers(read.auth().stream().map(LiveExport::archived).toList(),
                read.backend().stream().map(LiveExport::archived).toList());
    }

    /** The company whose event indices hold each task's and model's events at the source (data model §2.1). */
    public Map<String, String> indexCompanies() {
        Map<String, String> companies = new LinkedHashMap<>();
        plan.tasks().forEach(key -> companies.put(key.id(), key.indexCompany()));
        plan.models().forEach(key -> companies.put(key.id(), key.indexCompany()));
        return companies;
    }

    @Override
    public String name() {
        return "the source server";
    }

    @Override
    public Optional<ObjectNode> metadata() {
        return Optional.of(metadata.deepCopy());
    }

    @Override
    public Optional<ArchiveUsers> users() {
        return Optional.ofNullable(users);
    }

    @Override
    public boolean has(EntityKind kind) {
        return !keys(kind).isEmpty();
    }

    @Override
    public CloseableIterator<Document> entities(EntityKind kind) {
        return new Documents(kind, keys(kind));
    }

    @Override
    public List<String> eventTaskIds() {
        return List.copyOf(eventOwners.keySet());
    }

    @Override
    public CloseableIterator<ObjectNode> events(String taskId) {
        return eventLines(taskId).map(ArchivedEvent::tree);
    }

    @Override
    public CloseableIterator<ArchivedEvent> eventLines(String taskId) {
        EntityKey key = eventOwners.get(taskId);
        EventSource store = events;
        if (key == null || store == null) {
            return EventPipe.empty();
        }
        boolean model = !plan.tasks().contains(key);
        return EventPipe.start(readers, sink -> {
            LinkTally entityLinks = new LinkTally(0);
            try (EventLines lines = new EventLines(links, references, entityLinks)) {
                store.copy(key, model, ArchiveJob.window(state, changes, key), new EventPipe.Lines(lines, sink));
            }
            links.add(entityLinks);
        });
    }

    @Override
    public long uncompressedBytes() {
        return -1;
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }

    private List<EntityKey> keys(EntityKind kind) {
        return switch (kind) {
            case PROJECT -> plan.projects();
            case TASK -> plan.tasks();
            case MODEL -> plan.models();
        };
    }

    /** The document as the archive would hold it: edited, written as Extended JSON and read back. */
    private static Document archived(Document document) {
        return ExtendedJson.read(ExtendedJson.write(document));
    }

    /** One kind's documents, read from the source a hundred at a time. */
    private final class Documents implements CloseableIterator<Document> {
        private final EntityKind kind;
        private final List<EntityKey> keys;
        private int next;
        private Iterator<Document> batch = List.<Document>of().iterator();

        Documents(EntityKind kind, List<EntityKey> keys) {
            this.kind = kind;
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            while (!batch.hasNext() && next < keys.size()) {
                List<EntityKey> some = keys.subList(next, Math.min(keys.size(), next + DOCUMENTS_AT_ONCE));
                next += some.size();
                List<Document> read = new ArrayList<>();
                source.documents(kind, some, document -> read.add(archived(edits.apply(kind, document))));
                batch = read.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }

        @Override
        public void close() {
            next = keys.size();
        }
    }
}
