package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ExportMap;
import clearml.migrate.failures.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The archive {@code export --since} builds on: given as the archive or as its {@code .map} file (which names the
 * archive, data model §3.9), read for its {@link ArchiveLineage} and the selection it was made with.
 *
 * @param file the base archive
 * @param lineage its id and the source's state when it was written
 * @param selection the selection flags our metadata key recorded
 */
record DeltaBase(Path file, ArchiveLineage lineage, JsonNode selection) {

    static DeltaBase read(Path previous) {
        Path archive = previous.getFileName().toString().endsWith(".map") ? archiveOf(previous) : previous;
        if (!Files.isRegularFile(archive)) {
            throw new UsageException("--since " + previous + ": no such archive; give a previous archive of the same"
                    + " selection or its .map file");
        }
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            ObjectNode metadata = reader.metadata().orElseGet(() -> ArchiveJson.mapper().createObjectNode());
            ArchiveLineage lineage = ArchiveLineage.of(metadata).orElseThrow(() ->
                    new UsageException("--since " + previous + ": " + archive.getFileName() + " records no source"
                            + " state (written by ClearML or an older clearml-migrate); export in full once, then"
                            + " --since that archive"));
            return new DeltaBase(archive, lineage, metadata.path(ExportMetadata.KEY).path("selection"));
        }
    }

    private static Path archiveOf(Path mapFile) {
        return ExportMap.read(mapFile).filter(map -> !map.files().isEmpty()).map(map -> Path.of(map.files().get(0)))
                .orElseThrow(() -> new UsageException("--since " + mapFile + ": not a readable .map file of an"
                        + " export; give the previous archive itself"));
    }
}
