package clearml.migrate.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ArtifactCollector} put into the {@code .artifacts} companion.
 *
 * @param companion the companion written, or null when no referenced file was found (none is written then)
 * @param files     files stored
 * @param bytes     their total length, uncompressed
 * @param missing   referenced files that were not stored, sorted by path; never dropped silently
 */
public record ArtifactsReport(@Nullable Path companion, long files, long bytes, List<MissingFile> missing) {

    public ArtifactsReport {
        missing = List.copyOf(missing);
    }

    public Optional<Path> companionFile() {
        return Optional.ofNullable(companion);
    }
}
