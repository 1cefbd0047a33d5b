package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.files.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Looks for every file of the archive's {@code .artifacts} companion in the target's file server, at the same
 * relative path, which is where the import extracts it (data model §3.10).
 */
final class FileComparison {

    private FileComparison() {
    }

    /** Returns how many files were looked for; each one missing is a difference. */
    static long compare(Path archive, FileStore files, Differences differences) {
        Path companion = ArchiveNaming.artifacts(archive);
        if (!Files.isRegularFile(companion)) {
            return 0;
        }
        long checked = 0;
        for (String name : ArtifactsZip.entryNames(companion)) {
            if (name.endsWith("/")) {
                continue;
            }
            checked++;
            if (!files.exists(name)) {
                differences.add("file", name, "missing from " + files.location());
            }
        }
        return checked;
    }
}
