package clearml.migrate.copying;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.failures.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a {@code sync} into a server reached through its REST API keeps the source's state its last pass read: the
 * API gives no place on the server for it, so a JSON file, one entry per {@link SyncKey}, holding the pass's
 * {@code metadata.json} object as {@link SyncState} keeps it on a direct target. Replaced whole by an atomic move,
 * after everything else of the pass is written, so an interrupted pass leaves the previous state.
 */
final class SyncStateFile {

    private final Path file;

    SyncStateFile(Path file) {
        this.file = file;
    }

    /** The last pass's lineage for {@code key}; empty before the first pass. */
    Optional<ArchiveLineage> last(SyncKey key) {
        JsonNode entry = read().path(key.id()).path("metadata");
        return entry instanceof ObjectNode metadata ? ArchiveLineage.of(metadata) : Optional.empty();
    }

    /** Records a pass's metadata for {@code key}, replacing the file in one move. */
    void record(SyncKey key, ObjectNode metadata, Clock clock) {
        ObjectNode states = read();
        states.putObject(key.id()).put("source", key.source()).put("selection", key.selection())
                .put("company", key.company()).put("synced", clock.instant().toString()).set("metadata", metadata);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, ArchiveJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(states));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sync state " + file, e);
        }
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return ArchiveJson.mapper().createObjectNode();
        }
        try {
            JsonNode states = ArchiveJson.mapper().readTree(file.toFile());
            if (states instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // Reported below as the one line of a file that is not ours.
        }
        throw new UsageException("the sync state file " + file + " is not one a sync wrote (a JSON object per"
                + " sync): give another --state-file, or move it away to start with a full copy");
    }
}
