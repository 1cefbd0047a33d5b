package clearml.migrate.archive;

import java.nio.file.Path;
import java.util.List;

/**
 * The archive an {@link ArchiveWriter} produced.
 *
 * @param path         the final file, {@code export_<md5>.zip}
 * @param md5          ClearML's content hash that names the file (data model §3.8)
 * @param metadataHash md5 hex of the metadata text, or {@code ""} without metadata: the {@code .map} key (§3.9)
 * @param entries      every entry in zip order, {@code metadata.json} included when present
 */
public record ArchiveSummary(Path path, String md5, String metadataHash, List<EntrySummary> entries) {

    public ArchiveSummary {
        entries = List.copyOf(entries);
    }

    /** The documents written for one entry name, or 0 when there is no such entry. */
    public long documents(String entryName) {
        return entries.stream().filter(e -> e.name().equals(entryName)).mapToLong(EntrySummary::documents).sum();
    }
}
