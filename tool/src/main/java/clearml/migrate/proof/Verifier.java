package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventStore;
import clearml.migrate.files.FileStore;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.EntityComparison.Subject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The verify use case: compares a target server with an archive imported into it. Every archived project, model
 * and task must be in the target and equal, field by field, once the import's intended changes (company, owner,
 * ids, legacy upgrades, links; see {@link Expectation}) are applied to the archive copy; every task must have the
 * archive's number of events per type; every {@code .artifacts} file must be on the file server; with
 * {@code --users}, every archived user must exist. The archive is streamed and target documents are fetched in
 * batches by id, so memory holds one batch.
 */
public final class Verifier {

    private final TargetDocuments target;
    private final EventStore events;
    private final @Nullable FileStore files;

    /** A verifier of the target whose stores the caller opened; {@code files} is null without --artifacts-to. */
    public Verifier(ClearmlMongo mongo, EventStore events, @Nullable FileStore files) {
        this.target = new TargetDocuments(mongo);
        this.events = events;
        this.files = files;
    }

    /** Compares; the report lists each difference, and is {@link VerifyReport#equal()} when there is none. */
    public VerifyReport run(VerifySettings settings, Progress progress) {
        try (ArchiveReader reader = ArchiveReader.open(settings.archive())) {
            VerifyPlan plan = VerifyPlan.make(reader, settings, target);
            Differences differences = new Differences();
            EventComparison eventCounts = new EventComparison(events, plan.expectation.owners().company(),
                    differences);
            Set<String> archivedOwners = new HashSet<>();
            Map<String, Long> compared = compareEntities(reader, plan, differences, eventCounts, archivedOwners,
                    progress);
            long fileCount = files == null ? 0 : FileComparison.compare(settings.archive(), files, differences);
            long users = compareUsers(plan, plan.expectation, differences);
            return new VerifyReport(settings.archive().toString(), plan.expectation.owners().company(),
                    plan.expectation.owners().ownerId(), compared, eventCounts.tasks(), eventCounts.archivedByType(),
                    fileCount, users, differences.kept(), differences.notKept(),
                    notes(plan, settings, orphanEventEntries(reader, archivedOwners)));
        }
    }

    /** Projects, models, then tasks with their event counts, batch by batch. */
    private Map<String, Long> compareEntities(ArchiveReader reader, VerifyPlan plan, Differences differences,
            EventComparison eventCounts, Set<String> archivedOwners, Progress progress) {
        Expectation expect = plan.expectation;
        EntityComparison entities = new EntityComparison(target, differences, progress);
        Map<String, Long> compared = new HashMap<>();
        progress.start("verify entities", -1);
        compared.put("project", entities.compare(reader, new Subject(EntityKind.PROJECT, Collections.PROJECT,
                expect::project, plan.mergedProjects), batch -> { }));
        // A model's events sit in the archive as Task_<model id>_events.json and the import stores them.
        compared.put("model", entities.compare(reader, new Subject(EntityKind.MODEL, Collections.MODEL, model -> {
            archivedOwners.add(EntityStream.id(model));
            return expect.model(model);
        }, Set.of()), batch -> eventCounts.compare(reader, batch)));
        compared.put("task", entities.compare(reader, new Subject(EntityKind.TASK, Collections.TASK, task -> {
            archivedOwners.add(EntityStream.id(task));
            return expect.task(task);
        }, Set.of()), batch -> eventCounts.compare(reader, batch)));
        progress.finish();
        return compared;
    }

    private long compareUsers(VerifyPlan plan, Expectation expect, Differences differences) {
        for (String archived : plan.archivedUsers) {
            String id = expect.owners().ownerOf(archived);
            if (!target.userExists(id)) {
                differences.add("user", id, "missing from the target (auth and backend user)");
            }
        }
        return plan.archivedUsers.size();
    }

    /** Events entries of tasks or models the archive does not hold: the import skips them, so verify does too. */
    private static long orphanEventEntries(ArchiveReader reader, Set<String> archivedOwners) {
        return reader.eventTaskIds().stream().filter(id -> !archivedOwners.contains(id)).count();
    }

    private List<String> notes(VerifyPlan plan, VerifySettings settings, long orphanEventEntries) {
        List<String> notes = new ArrayList<>(plan.notes);
        if (orphanEventEntries > 0) {
            notes.add(orphanEventEntries + " events entries belong to tasks the archive does not hold; the import"
                    + " skips them and so does this comparison");
        }
        if (files == null && Files.isRegularFile(ArchiveNaming.artifacts(settings.archive()))) {
            notes.add("the archive has an .artifacts companion; give --artifacts-to to check its files");
        }
        return notes;
    }
}
