package clearml.migrate.importing;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.importing.ArchiveScan.ScannedProject;
import clearml.migrate.importing.ConflictRules.ProjectDecision;
import clearml.migrate.mongo.Collections;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Everything an import decides before its first write: company and owner, the user import, the target id of
 * every archived entity, and what happens to each (create, overwrite, skip, merge), with the existing projects to
 * rename. Conflicts refused by a {@code fail} policy throw here, so nothing is written.
 */
final class ImportPlan {

    final OwnerResolution owners;
    final @Nullable UserPlan users;
    final boolean createOwner;
    final IdPlan ids;
    final Map<String, EntityAction> projects;
    final Map<String, EntityAction> tasks;
    final Map<String, EntityAction> models;
    final List<String> projectsToRename;
    final List<String> notices;

    private ImportPlan(Builder builder) {
        this.owners = builder.owners;
        this.users = builder.users;
        this.createOwner = builder.createOwner;
        this.ids = builder.ids;
        this.projects = Map.copyOf(builder.projects);
        this.tasks = Map.copyOf(builder.tasks);
        this.models = Map.copyOf(builder.models);
        this.projectsToRename = List.copyOf(builder.projectsToRename);
        this.notices = List.copyOf(builder.notices);
    }

    /** Plans the import of {@code scan} into the target that {@code target} reads. */
    static ImportPlan make(ArchiveScan scan, ImportSettings settings, TargetLookup target) {
        Builder builder = new Builder();
        builder.resolveOwners(scan, settings, target);
        ConflictRules rules = new ConflictRules(settings.onConflict(), settings.onProjectName());
        IdPlan.Builder ids = IdPlan.builder(newIds(scan, settings, builder.notices) ? builder.owners.company() : null);
        scan.projects().forEach(p -> ids.project(p.id()));
        scan.taskIds().forEach(ids::task);
        scan.modelIds().forEach(ids::model);
        builder.decideProjects(scan.projects(), ids, rules, target);
        builder.ids = ids.build();
        builder.tasks.putAll(decide(scan.taskIds(), builder.ids::task, EntityKind.TASK, Collections.TASK, rules, target));
        builder.models.putAll(decide(scan.modelIds(), builder.ids::model, EntityKind.MODEL, Collections.MODEL, rules,
                target));
        rules.throwIfRefused();
        return new ImportPlan(builder);
    }

    /** What happens to the archived entity {@code archivedId} of {@code kind}. */
    EntityAction action(EntityKind kind, String archivedId) {
        Map<String, EntityAction> actions = switch (kind) {
            case PROJECT -> projects;
            case TASK -> tasks;
            case MODEL -> models;
        };
        return actions.getOrDefault(archivedId, EntityAction.SKIP);
    }

    /** The counts of one kind, as the report shows them. */
    EntityCounts counts(EntityKind kind) {
        Map<String, EntityAction> actions = switch (kind) {
            case PROJECT -> projects;
            case TASK -> tasks;
            case MODEL -> models;
        };
        EntityCounts counts = EntityCounts.NONE;
        for (EntityAction action : actions.values()) {
            counts = counts.plus(action);
        }
        return counts;
    }

    private static boolean newIds(ArchiveScan scan, ImportSettings settings, List<String> notices) {
        ObjectNode metadata = scan.metadata().orElse(null);
        boolean fromMetadata = metadata != null && metadata.path("new_ids").asBoolean(false);
        if (metadata != null && (metadata.path("example_ids").asBoolean(false)
                || metadata.path("private_ids").asBoolean(false))) {
            notices.add("metadata.json asks for example_ids/private_ids; ignored, ids are kept (use --new-ids for"
                    + " fresh ones)");
        }
        return settings.newIds() || fromMetadata;
    }

    private static Map<String, EntityAction> decide(List<String> archivedIds, UnaryOperator<String> targetId,
            EntityKind kind, String collection, ConflictRules rules, TargetLookup target) {
        Set<String> existing = target.existingIds(collection, archivedIds.stream().map(targetId).toList());
        Map<String, EntityAction> actions = new HashMap<>();
        for (String id : archivedIds) {
            String mapped = targetId.apply(id);
            actions.put(id, rules.byId(kind, mapped, existing.contains(mapped)));
        }
        return actions;
    }

    /** The mutable state of a plan being made. */
    private static final class Builder {
        private OwnerResolution owners = OwnerResolution.resolve(null, null, Optional.empty());
        private @Nullable UserPlan users;
        private boolean createOwner;
        private IdPlan ids = IdPlan.identity();
        private final Map<String, EntityAction> projects = new HashMap<>();
        private final Map<String, EntityAction> tasks = new HashMap<>();
        private final Map<String, EntityAction> models = new HashMap<>();
        private final List<String> projectsToRename = new ArrayList<>();
        private final List<String> notices = new ArrayList<>();

        private void resolveOwners(ArchiveScan scan, ImportSettings settings, TargetLookup target) {
            owners = OwnerResolution.resolve(settings.company(), settings.user(), scan.metadata());
            if (owners.isPublic() && scan.metadata().map(m -> m.path("public").isBoolean()
                    && !m.path("public").asBoolean()).orElse(false)) {
                notices.add("metadata.json says \"public\": false, where ClearML's importer would use the server's"
                        + " default company; this import follows --company only");
            }
            if (owners.isPublic()) {
                notices.add("No --company: the data becomes public, read-only \"Examples\" (company \"\") for every"
                        + " company, as ClearML's importer does; pass --company ID to import into one company");
            }
            if (settings.importUsers()) {
                planUsers(scan, target);
            }
            boolean ownerCreatedByUsers = users != null && users.backendToCreate().stream()
                    .anyMatch(u -> owners.ownerId().equals(u.get("_id")));
            createOwner = !ownerCreatedByUsers && !target.backendUserExists(owners.ownerId());
        }

        private void planUsers(ArchiveScan scan, TargetLookup target) {
            if (scan.users().isEmpty()) {
                notices.add("--users: the archive has no users.json; every entity is owned by " + owners.ownerId());
                return;
            }
            users = UserPlan.plan(scan.users().get(), target.users(), owners.company());
            owners = owners.withUserMapping(users.mapping());
        }

        private void decideProjects(List<ScannedProject> archived, IdPlan.Builder ids, ConflictRules rules,
                TargetLookup target) {
            List<String> targetIds = archived.stream().map(p -> ids.projectTarget(p.id())).toList();
            Set<String> existing = target.existingIds(Collections.PROJECT, targetIds);
            Map<String, SortedSet<String>> byName = target.projectIdsByName(owners.company(),
                    archived.stream().map(ScannedProject::name).toList());
            for (ScannedProject project : archived) {
                String targetId = ids.projectTarget(project.id());
                boolean exists = existing.contains(targetId);
                // A project whose id the target holds was imported before: it is that project again, overwritten or
                // skipped by id, never merged into a namesake, so that a rerun ends where the first run would have.
                SortedSet<String> namesakes = byName.get(project.name());
                String namesake = exists || namesakes == null ? null : namesakes.first();
                ProjectDecision decision = rules.forProject(targetId, exists, project.name(), namesake);
                projects.put(project.id(), decision.action());
                if (decision.mergeInto() != null) {
                    ids.mergeProject(project.id(), decision.mergeInto());
                }
                if (decision.renameExisting() != null) {
                    projectsToRename.add(decision.renameExisting());
                }
            }
        }
    }
}
