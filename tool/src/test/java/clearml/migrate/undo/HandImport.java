package clearml.migrate.undo;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.files.DirectoryFileStore;
import clearml.migrate.undo.JournalRecord.Header;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * What an import and a relink do to a target, made by hand against real stores and journalled the way the
 * commands must: each batch journalled and flushed, then written. Overwrites a task, merges into a project,
 * creates tasks and an auth user, replaces a task's events (some under the same ids), relinks a task field and an
 * event URL, places a new file and replaces an existing one.
 */
final class HandImport {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    final String overwrittenTask;
    final String mergedProject;
    final String relinkedTask;
    final String replacedEventsTask;
    final Path replacedFile;
    long eventsDeleted;
    long eventsCreated;
    private EventHit relinkedEvent;
    private final TestStores stores;
    private final UndoJournal journal;
    private final List<Long> memberEnds = new ArrayList<>();

    private HandImport(TestStores stores, UndoJournal journal) {
        this.stores = stores;
        this.journal = journal;
        List<Document> tasks = tasks().find().sort(new Document("_id", 1)).into(new ArrayList<>());
        this.overwrittenTask = tasks.get(0).getString("_id");
        this.replacedEventsTask = tasks.get(1).getString("_id");
        this.relinkedTask = tasks.get(2).getString("_id");
        this.mergedProject = stores.backend().getCollection("project").find().sort(new Document("_id", 1)).first().getString("_id");
        this.replacedFile = firstFile(stores.files);
    }

    /** Makes every change; commits the journal when asked, else leaves it as a killed command would. */
    static HandImport run(TestStores stores, Path journalFile, boolean commit) {
        UndoJournal journal = UndoJournal.create(journalFile,
                new Header("import", Map.of("archive", "export.zip", "mongo-host", "sandbox"), START));
        HandImport run = new HandImport(stores, journal);
        run.overwriteTask();
        run.mergeProject();
        run.createDocuments();
        run.replaceEvents();
        run.relinkField();
        run.relinkEventUrl();
        run.placeFiles();
        if (commit) {
            journal.commit(Clock.fixed(START.plusSeconds(90), ZoneOffset.UTC));
        }
        journal.close();
        return run;
    }

    /** The journal's length after each flushed batch, the last one first. */
    List<Long> memberEnds() {
        return memberEnds;
    }

    private void overwriteTask() {
        Document prior = tasks().find(Filters.eq("_id", overwrittenTask)).first();
        Document written = Document.parse(prior.toJson()).append("name", "imported over")
                .append("last_change", new Date(1_800_000_000_000L)).append("comment", "from the archive");
        written.put("_id", overwrittenTask);
        journal.prior("backend", "task", prior, written);
        flush();
        tasks().replaceOne(Filters.eq("_id", overwrittenTask), written);
    }

    private void mergeProject() {
        MongoCollection<Document> projects = stores.backend().getCollection("project");
        Document prior = projects.find(Filters.eq("_id", mergedProject)).first();
        Document merged = new Document(prior).append("tags", List.of("merged", "from-archive")).append("extra", 1L);
        journal.prior("backend", "project", prior, merged);
        flush();
        projects.replaceOne(Filters.eq("_id", mergedProject), merged);
    }

    private void createDocuments() {
        List<Document> created = List.of(
                new Document("_id", "undo-new-1").append("name", "new one").append("created", new Date(1_700_000_000_000L)),
                new Document("_id", "undo-new-2").append("name", "new two").append("metric", 0.5));
        Document user = new Document("_id", "undo-user").append("name", "imported user").append("role", "user");
        created.forEach(task -> journal.created("backend", "task", task));
        journal.created("auth", "user", user);
        flush();
        tasks().insertMany(created);
        stores.auth().getCollection("user").insertOne(user);
    }

    /**
     * As ClearML's import does (data model §5.5): delete the task's events, then write the archive's, some under
     * the old ids; and index a few events of a created task one by one.
     */
    private void replaceEvents() {
        String company = tasks().find(Filters.eq("_id", replacedEventsTask)).first().getString("company");
        List<EventHit> old = new ArrayList<>();
        try (EventScroll scroll = stores.events.scroll(EventQuery.ofTasks(company, List.of(replacedEventsTask)))) {
            scroll.forEachRemaining(old::add);
        }
        eventsDeleted = journal.replacingTaskEvents(stores.events, company, List.of(replacedEventsTask));
        flush();
        stores.events.deleteTaskEvents(company, List.of(replacedEventsTask));
        try (BulkWriter bulk = stores.events.bulkWriter(BulkOptions.defaults().withRefresh(true))) {
            for (int i = 0; i < old.size(); i += 2) { // every other old id comes back with new content, plus new ids
                EventHit hit = old.get(i);
                bulk.index(hit.index(), i % 4 == 0 ? hit.id() : "undo-event-" + i, hit.source().deepCopy().put("iter", 10_000 + i));
            }
            for (int i = 0; i < 2; i++) {
                EventHit hit = old.get(i);
                journal.createdEvent(hit.index(), "undo-new-1-event-" + i);
                flush();
                bulk.index(hit.index(), "undo-new-1-event-" + i, hit.source().deepCopy().put("task", "undo-new-1"));
                eventsCreated++;
            }
        }
    }

    private void relinkField() {
        Document task = tasks().find(Filters.eq("_id", relinkedTask)).first();
        Object old = MongoTarget.valueAt(task, "output.destination");
        journal.fieldChange("backend", "task", relinkedTask, "output.destination", old, "https://files.new:8081");
        flush();
        tasks().updateOne(Filters.eq("_id", relinkedTask), Updates.set("output.destination", "https://files.new:8081"));
    }

    /** Another hand changes the URL the relink set. */
    void editRelinkedEvent(String url) {
        EventHit image = relinkedEvent;
        try (BulkWriter bulk = stores.events.bulkWriter(BulkOptions.defaults().withRefresh(true))) {
            bulk.index(image.index(), image.id(), image.source().deepCopy().put("url", url));
        }
    }

    private void relinkEventUrl() {
        EventHit image = firstEventWithUrl(relinkedTask);
        relinkedEvent = image;
        TextNode relinked = TextNode.valueOf("https://files.new:8081/relinked.png");
        journal.eventFieldChange(image.index(), image.id(), "url", image.source().path("url"), relinked);
        flush();
        try (BulkWriter bulk = stores.events.bulkWriter(BulkOptions.defaults().withRefresh(true))) {
            bulk.index(image.index(), image.id(), image.source().deepCopy().set("url", relinked));
        }
    }

    private void placeFiles() {
        Path created = stores.files.resolve("undo/placed/new.bin");
        try (DirectoryFileStore store = new DirectoryFileStore(stores.files)) {
            journal.filePlaced(store, "undo/placed/new.bin");
            flush();
            Files.createDirectories(created.getParent());
            Files.writeString(created, "a new artifact");
            // the last batch: the one a cut journal loses
            journal.filePlaced(store, stores.files.relativize(replacedFile).toString().replace('\\', '/'));
            flush();
            Files.writeString(replacedFile, "replaced by the import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventHit firstEventWithUrl(String task) {
        String company = tasks().find(Filters.eq("_id", task)).first().getString("company");
        try (EventScroll scroll = stores.events.scroll(EventQuery.ofTasks(company, List.of(task)))) {
            while (scroll.hasNext()) {
                EventHit hit = scroll.next();
                if (hit.source().path("url").isTextual()) {
                    return hit;
                }
            }
        }
        throw new IllegalStateException("The seeder gave task " + task + " no event with a url");
    }

    private void flush() {
        journal.flush();
        try {
            memberEnds.add(0, Files.size(journal.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MongoCollection<Document> tasks() {
        return stores.backend().getCollection("task");
    }

    private static Path firstFile(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
