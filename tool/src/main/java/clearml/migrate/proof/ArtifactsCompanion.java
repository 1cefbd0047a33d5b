package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.proof.InspectReport.ArtifactsSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** The {@code .artifacts} companion next to an archive (data model §3.10): its files and their declared sizes. */
final class ArtifactsCompanion {

    private ArtifactsCompanion() {
    }

    static ArtifactsSummary summary(Path archive, Problems problems) {
        Path companion = ArchiveNaming.artifacts(archive);
        if (!Files.isRegularFile(companion)) {
            return new ArtifactsSummary("", 0, 0);
        }
        long files = 0;
        long bytes = 0;
        try (ZipFile zip = ZipFile.builder().setPath(companion).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (!entry.isDirectory()) {
                    files++;
                    bytes += Math.max(0, entry.getSize());
                }
            }
        } catch (IOException e) {
            problems.add("artifacts companion " + companion + " is not a readable zip (" + e.getMessage() + ")");
        }
        return new ArtifactsSummary(companion.toString(), files, bytes);
    }
}
