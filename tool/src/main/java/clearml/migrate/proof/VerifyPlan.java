package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArchiveUsers;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.importing.IdPlan;
import clearml.migrate.importing.OwnerResolution;
import clearml.migrate.mongo.Collections;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reconstructs, from the archive, the flags and the target, the decisions the import took: owner and company
 * (data model §5.1), the user mapping of {@code --users} (§5.2), the ids of {@code --new-ids} or metadata
 * {@code new_ids} (name-based, so the same as the importer's, §5.3), and the projects merged into a target
 * project of the same name. Holds the archived project names and, with new ids, the archived ids.
 */
final class VerifyPlan {

    final Expectation expectation;
    final Set<String> mergedProjects;
    final List<String> notes;
    final List<String> archivedUsers;

    private VerifyPlan(Expectation expectation, Set<String> mergedProjects, List<String> notes,
            List<String> archivedUsers) {
        this.expectation = expectation;
        this.mergedProjects = Set.copyOf(mergedProjects);
        this.notes = List.copyOf(notes);
        this.archivedUsers = List.copyOf(archivedUsers);
    }

    static VerifyPlan make(ArchiveReader reader, VerifySettings settings, TargetDocuments target) {
        Optional<ObjectNode> metadata = reader.metadata();
        OwnerResolution owners = OwnerResolution.resolve(settings.company(), settings.user(), metadata);
        List<String> notes = new ArrayList<>();
        List<String> archivedUsers = new ArrayList<>();
        if (settings.users()) {
            owners = owners.withUserMapping(userMapping(reader.users(), target, archivedUsers));
        }
        boolean newIds = settings.newIds() || metadata.map(m -> m.path("new_ids").asBoolean(false)).orElse(false);
        if (newIds) {
            notes.add("ids compared as --new-ids gives them (name-based on company and archived id)");
        }
        Map<String, String> projectNames = new LinkedHashMap<>();
        IdPlan.Builder ids = archivedIds(reader, newIds ? owners.company() : null, projectNames);
        Set<String> merged = merges(projectNames, ids, owners.company(), target, notes);
        return new VerifyPlan(new Expectation(ids.build(), owners, settings.urlMap()), merged, notes, archivedUsers);
    }

    /** Registers every archived id (all of them only when ids are new) and collects the project names. */
    private static IdPlan.Builder archivedIds(ArchiveReader reader, @Nullable String newIdsFor,
            Map<String, String> projectNames) {
        IdPlan.Builder ids = IdPlan.builder(newIdsFor);
        EntityStream.forEachStrict(reader, EntityKind.PROJECT, p -> {
            ids.project(EntityStream.id(p));
            projectNames.put(EntityStream.id(p), EntityStream.text(p, "name"));
        });
        if (newIdsFor != null) {
            EntityStream.forEachStrict(reader, EntityKind.TASK, t -> ids.task(EntityStream.id(t)));
            EntityStream.forEachStrict(reader, EntityKind.MODEL, m -> ids.model(EntityStream.id(m)));
        }
        return ids;
    }

    /** Archived user id to target user id: the existing user with the same e-mail, else itself (§5.2). */
    private static Map<String, String> userMapping(Optional<ArchiveUsers> users, TargetDocuments target,
            List<String> archivedUsers) {
        Map<String, String> mapping = new HashMap<>();
        users.ifPresent(u -> u.auth().forEach(auth -> {
            String id = EntityStream.id(auth);
            String email = EntityStream.text(auth, "email");
            mapping.put(id, email.isEmpty() ? id : target.authUserByEmail(email).orElse(id));
            archivedUsers.add(id);
        }));
        return mapping;
    }

    /**
     * An archived project whose planned id the target lacks but whose name a target project has was merged into
     * that project by the import (the default {@code --on-project-name merge}).
     */
    private static Set<String> merges(Map<String, String> projectNames, IdPlan.Builder ids, String company,
            TargetDocuments target, List<String> notes) {
        Set<String> planned = new HashSet<>();
        projectNames.keySet().forEach(id -> planned.add(ids.projectTarget(id)));
        Set<String> present = target.byIds(Collections.PROJECT, planned).keySet();
        Set<String> merged = new HashSet<>();
        projectNames.forEach((id, name) -> {
            if (!present.contains(ids.projectTarget(id))) {
                target.projectIdByName(company, name).ifPresent(existing -> {
                    ids.mergeProject(id, existing);
                    merged.add(id);
                    notes.add("project " + id + " \"" + name + "\" was merged into target project " + existing
                            + "; its fields are not compared");
                });
            }
        });
        return merged;
    }
}
