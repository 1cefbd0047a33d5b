package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventDigest;
import clearml.migrate.events.EventType;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import clearml.migrate.memory.MemoryBudget;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.UndoJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.jspecify.annotations.Nullable;

/**
 * One round of tasks (or models) of an import: at most {@value #MAX_ENTITIES} of them, and at most a share of the
 * heap in prepared documents, held until their events are stored. Events are compared before they are written: an
 * entity whose stored events have the counts per type of its archived ones (one aggregation for the round) and the
 * same {@link EventDigest} (one scroll over those entities, against the digest of the events as prepared) keeps
 * them; the others' stored events are journalled, deleted and written afresh. Either way every archived event is
 * prepared and folded into the entity's statistics, so the documents written afterwards are the same whether or not
 * their events were rewritten, and {@link DocumentBatch} can skip those the target holds already. A delta's entities
 * go as {@link EventModes} says: only those it replaces are compared and replaced; appended events are added after
 * the stored ones; an entity without events in the delta keeps its stored ones. Events written are prepared by
 * {@link EntityWorkers}, one entity per thread. A round's documents are written only once every event it sent is
 * answered ({@link EventSink#send()}), but the bulk writer is not drained for them: they go to MongoDB while the
 * next round's events are prepared and sent, so the engine never waits for a round's setup or its documents.
 */
final class EntityRound {

    static final int MAX_ENTITIES = 100;

    private static final DocumentCodec CODEC = new DocumentCodec();

    /** Where a round writes, and with what; {@code modes} says how a delta's events meet the stored ones. */
    record Target(EventSink events, UndoJournal journal, PlannedImport planned, ArchiveScan scan, String company,
            EventModes modes) {
    }

    private final Target target;
    private final EntityKind kind;
    private final DocumentBatch documents;
    private final UnaryOperator<String> targetId;
    private final BiFunction<Document, @Nullable EventStatistics, Document> finish;
    private final long maxBytes = maxBytes();
    private final EntityWorkers workers = new EntityWorkers(EntityWorkers.DEFAULT_THREADS);
    private final List<Item> items = new ArrayList<>();
    private long bytes;
    private long eventsUnchanged;
    /** The previous round's documents, written once its events are answered. */
    private Runnable earlier = () -> { };

    /**
     * @param finish the document an item's prepared one and statistics make, as the import writes it
     */
    EntityRound(Target target, EntityKind kind, DocumentBatch documents, UnaryOperator<String> targetId,
            BiFunction<Document, @Nullable EventStatistics, Document> finish) {
        this.target = target;
        this.kind = kind;
        this.documents = documents;
        this.targetId = targetId;
        this.finish = finish;
    }

    /** Prepared documents a round holds at most, in BSON bytes: 1/32 of the heap, at least 1 MiB. */
    static long maxBytes() {
        return MemoryBudget.share(32, 1 << 20, Long.MAX_VALUE);
    }

    /** Adds an entity's prepared document; true when the round is full and should be written. */
    boolean add(String archivedId, Document prepared) {
        items.add(new Item(archivedId, targetId.apply(archivedId), prepared, target.planned().statistics(kind)));
        bytes += new RawBsonDocument(prepared, CODEC).getByteBuffer().remaining();
        return items.size() >= MAX_ENTITIES || bytes >= maxBytes;
    }

    /** Events of this round's entities that were found stored as the archive has them, and left alone. */
    long eventsUnchanged() {
        return eventsUnchanged;
    }

    /**
     * Writes the round's changed events and sends them without draining the bulk writer; its documents are written
     * once those events are answered, while the next round's events are prepared (or by {@link #finish()}). The
     * round is empty afterwards.
     */
    void write(ArchiveContent reader, Progress progress) {
        if (items.isEmpty()) {
            return;
        }
        EventModes modes = target.modes();
        List<Item> replaceable = items.stream().filter(item -> modes.replaces(item.archivedId())).toList();
        Map<String, Map<EventType, Long>> stored = target.events().storedCounts(target.company(), targetIds(replaceable));
        Map<Boolean, List<Item>> byCounts = replaceable.stream().collect(Collectors.partitioningBy(item ->
                target.scan().events(item.archivedId()).equals(stored.getOrDefault(item.targetId(), Map.of()))));
        List<Item> digestsDiffer = compare(reader, byCounts.get(true), progress);
        replace(reader, byCounts.get(false), digestsDiffer, stored.keySet(), progress);
        append(reader, items.stream().filter(item -> !modes.replaces(item.archivedId())
                && modes.writesEvents(item.archivedId())).toList(), progress);
        writeEarlier();
        EventSink.Sent sent = target.events().send();
        List<Item> written = List.copyOf(items);
        earlier = () -> {
            sent.await(); // no document before its events: what a rerun and a killed run rely on
            writeDocuments(written);
        };
        items.clear();
        bytes = 0;
    }

    /** Writes the documents of the last round, once its events are stored. */
    void finish() {
        writeEarlier();
    }

    private void writeEarlier() {
        Runnable documents = earlier;
        earlier = () -> { };
        documents.run();
    }

    private void writeDocuments(List<Item> written) {
        EventModes modes = target.modes();
        written.forEach(item -> documents.replace(finish.apply(item.document(),
                modes.foldsStatistics(item.archivedId()) ? item.statistics() : null)));
        documents.flush();
    }

    /**
     * Prepares the events of entities whose stored counts agree, folding their statistics, and compares their
     * digests with the stored events'; returns the entities whose events differ all the same.
     */
    private List<Item> compare(ArchiveContent reader, List<Item> countsAgree, Progress progress) {
        List<Item> withEvents = countsAgree.stream().filter(item -> !target.scan().events(item.archivedId()).isEmpty()).toList();
        Map<String, EventDigest> stored = target.events().storedDigests(target.company(), targetIds(withEvents));
        Map<String, EventDigest> archived = new ConcurrentHashMap<>();
        workers.forEach(withEvents, item -> archived.put(item.targetId(), archivedDigest(reader, item, progress)),
                this::writeEarlier);
        List<Item> changed = new ArrayList<>();
        for (Item item : withEvents) {
            EventDigest digest = archived.get(item.targetId());
            if (digest.equals(stored.getOrDefault(item.targetId(), new EventDigest()))) {
                eventsUnchanged += digest.count();
            } else {
                changed.add(item);
            }
        }
        return changed;
    }

    /** The digest of an entity's archived events as they would be written, folding its statistics. */
    private EventDigest archivedDigest(ArchiveContent reader, Item item, Progress progress) {
        EventDigest digest = new EventDigest();
        prepareEvents(reader, item, item.statistics(), progress, event -> event.addTo(digest));
        return digest;
    }

    /**
     * Journals, deletes and writes afresh the events of the entities whose counts differ and of those whose
     * digests did; the latter's statistics were folded by the comparison, so their events are prepared once more
     * for the writing only.
     */
    private void replace(ArchiveContent reader, List<Item> countsDiffer, List<Item> digestsDiffer,
            Set<String> holding, Progress progress) {
        List<Item> replaced = new ArrayList<>(countsDiffer);
        replaced.addAll(digestsDiffer);
        if (replaced.isEmpty()) {
            return;
        }
        List<String> ids = targetIds(replaced);
        // only entities the count found holding events have any to journal and delete (none on a first import)
        List<String> held = ids.stream().filter(holding::contains).toList();
        target.events().journalTaskEvents(target.journal(), target.company(), ids, held);
        target.journal().flush(); // the stored events are on disk before they are deleted
        if (!held.isEmpty()) {
            target.events().deleteTaskEvents(target.company(), held);
        }
        workers.forEach(countsDiffer, item -> prepareEvents(reader, item, item.statistics(), progress, this::index),
                this::writeEarlier);
        workers.forEach(digestsDiffer, item ->
                prepareEvents(reader, item, target.planned().statistics(kind), Progress.SILENT, this::index));
    }

    /**
     * Writes a delta's appended events after the stored ones, deleting none; the stored events are journalled as a
     * replaced entity's are, so undo puts exactly them back.
     */
    private void append(ArchiveContent reader, List<Item> appended, Progress progress) {
        if (appended.isEmpty()) {
            return;
        }
        target.events().journalTaskEvents(target.journal(), target.company(), targetIds(appended));
        target.journal().flush();
        workers.forEach(appended, item -> prepareEvents(reader, item, item.statistics(), progress, this::index),
                this::writeEarlier);
    }

    private void index(PreparedEvent event) {
        target.events().index(event);
    }

    /** Streams an entity's archived events, prepared for the target and folded into {@code statistics}. */
    private void prepareEvents(ArchiveContent reader, Item item, EventStatistics statistics, Progress progress,
            Consumer<PreparedEvent> sink) {
        long position = target.modes().firstPosition(item.archivedId());
        try (CloseableIterator<ArchivedEvent> archived = reader.eventLines(item.archivedId())) {
            while (archived.hasNext()) {
                long read = archived.consumed();
                sink.accept(target.planned().prepareEvent(item.targetId(), position++, archived.next(), statistics));
                progress.advance(1, archived.consumed() - read);
            }
        }
    }

    private static List<String> targetIds(List<Item> items) {
        return items.stream().map(Item::targetId).toList();
    }

    /**
     * An entity of the round: its prepared document held until its events are stored, and the statistics its
     * events add up to.
     */
    private record Item(String archivedId, String targetId, Document document, EventStatistics statistics) {
    }
}
