package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.DeltaInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What ClearML's own importer does wrong with a delta archive ({@code export --since}), which it reads as a normal
 * archive: it deletes every archived task's stored events before adding the archived ones (data model §5.7), so a
 * task whose entry holds only events added since the base, or a task with no entry, loses the rest; and it
 * neither applies the deletions nor checks that the base was imported.
 */
final class DeltaWarnings {

    private DeltaWarnings() {
    }

    static List<String> of(Optional<ObjectNode> metadata, Set<String> archivedTaskIds) {
        DeltaInfo delta = metadata.flatMap(ArchiveLineage::of).map(ArchiveLineage::delta).orElse(null);
        if (delta == null) {
            return List.of();
        }
        long appended = archivedTaskIds.stream().filter(id -> appended(delta, id)).count();
        long without = archivedTaskIds.stream().filter(id -> !delta.events().containsKey(id)).count();
        List<String> warnings = new ArrayList<>();
        warnings.add("a delta of " + delta.baseFile() + " (export --since): import it with clearml-migrate, on a"
                + " target that holds the base; ClearML's importer reads it as a full archive");
        if (appended + without > 0) {
            warnings.add("ClearML's importer would delete the earlier events of " + appended + " tasks whose entry holds"
                    + " only events added since the base, and all events of " + without + " tasks changed without"
                    + " new events");
        }
        if (delta.deletedCount() > 0) {
            warnings.add(delta.deletedCount() + " entities deleted at the source are listed in metadata.json;"
                    + " ClearML's importer leaves them on the target");
        }
        return warnings;
    }

    private static boolean appended(DeltaInfo delta, String id) {
        DeltaInfo.EventsChange change = delta.events().get(id);
        return change != null && change.append();
    }
}
