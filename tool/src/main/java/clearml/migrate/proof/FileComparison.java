package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.files.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Looks for every file of the archive's {@code .artifacts} companion in the target's file server, at the same
 * relative path, which is where the import extracts it (data model §3.10).
 */
public final class FileComparison {

    private FileComparison() {
    }

    /** Returns how many files were looked for; each one missing is a difference. */
    static long compare(Path archive, FileStore files, Differences differences) {
        return compare(archive, files, missing -> differences.add(missing.kind(), missing.id(), missing.detail()));
    }

    /** Returns how many files were looked for; {@code missing} gets a difference for each one not there. */
    public static long compare(Path archive, FileStore files, Consumer<Difference> missing) {
        Path companion = ArchiveNaming.artifacts(archive);
        if (!Files.isRegularFile(companion)) {
            return 0;
        }
        return compare(ArtifactsZip.entryNames(companion).stream().filter(name -> !name.endsWith("/")).toList(),
                files, missing);
    }

    /** Returns how many files were looked for: {@code names}, paths on the file server; each one missing differs. */
    static long compare(List<String> names, FileStore files, Differences differences) {
        return compare(names, files, missing -> differences.add(missing.kind(), missing.id(), missing.detail()));
    }

    /** Returns how many files were looked for: {@code names}, paths on the file server; {@code missing} gets each one not there. */
    public static long compare(List<String> names, FileStore files, Consumer<Difference> missing) {
        for (String name : names) {
            if (!files.exists(name)) {
                missing.accept(new Difference("file", name, "missing from " + files.location()));
            }
        }
        return names.size();
    }
}
