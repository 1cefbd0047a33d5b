package clearml.migrate.importing;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.ConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides what happens to each archived entity that meets data in the target, under {@code --on-conflict} and
 * {@code --on-project-name}, and collects the conflicts a {@code fail} policy refuses, so that they are all
 * reported before anything is written.
 */
final class ConflictRules {

    private static final int REFUSALS_SHOWN = 3;

    private final ConflictPolicy onConflict;
    private final ProjectNamePolicy onProjectName;
    private final List<String> refusals = new ArrayList<>();

    ConflictRules(ConflictPolicy onConflict, ProjectNamePolicy onProjectName) {
        this.onConflict = onConflict;
        this.onProjectName = onProjectName;
    }

    /** The action for an entity whose target id the target {@code exists}-or-not already holds. */
    EntityAction byId(EntityKind kind, String targetId, boolean exists) {
        if (!exists) {
            return EntityAction.CREATE;
        }
        return switch (onConflict) {
            case OVERWRITE -> EntityAction.OVERWRITE;
            case SKIP -> EntityAction.SKIP;
            case FAIL -> refuse(kind.name().toLowerCase(Locale.ROOT) + " " + targetId + " already exists");
        };
    }

    /**
     * The decision for a project, given the id of another target project with the same name in the target company
     * ({@code sameNameId}, null when there is none).
     */
    ProjectDecision forProject(String targetId, boolean exists, String name, @Nullable String sameNameId) {
        if (sameNameId == null) {
            return new ProjectDecision(byId(EntityKind.PROJECT, targetId, exists), null, null);
        }
        return switch (onProjectName) {
            case MERGE -> new ProjectDecision(EntityAction.MERGE, sameNameId, null);
            case RENAME_EXISTING -> new ProjectDecision(byId(EntityKind.PROJECT, targetId, exists), null, sameNameId);
            case FAIL -> new ProjectDecision(refuse("project name '" + name + "' is taken by project " + sameNameId),
                    null, null);
        };
    }

    /** The conflicts refused so far, one line each. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Throws one ConflictException naming the first refused conflicts, when there are any. */
    void throwIfRefused() {
        if (refusals.isEmpty()) {
            return;
        }
        String shown = String.join("; ", refusals.subList(0, Math.min(REFUSALS_SHOWN, refusals.size())));
        String more = refusals.size() > REFUSALS_SHOWN ? " and " + (refusals.size() - REFUSALS_SHOWN) + " more" : "";
        throw new ConflictException(refusals.size() + " conflict(s) with the target: " + shown + more
                + "; nothing was written. Choose --on-conflict overwrite|skip or --on-project-name"
                + " merge|rename-existing to go ahead");
    }

    private EntityAction refuse(String conflict) {
        refusals.add(conflict);
        return EntityAction.SKIP;
    }

    /**
     * What happens to one archived project.
     *
     * @param action         what is written for it
     * @param mergeInto      the existing project that takes its place, for {@link EntityAction#MERGE}
     * @param renameExisting the existing same-name project to rename first, under {@code rename-existing}
     */
    record ProjectDecision(EntityAction action, @Nullable String mergeInto, @Nullable String renameExisting) {
    }
}
