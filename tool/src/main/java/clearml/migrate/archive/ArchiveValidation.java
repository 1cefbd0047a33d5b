package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.jspecify.annotations.Nullable;

/** The checks an archive passes before anything is read from it: a readable zip of known, safe, bounded entries. */
final class ArchiveValidation {

    private static final Set<Integer> METHODS = Set.of(
            ZipMethod.STORED.getCode(), ZipMethod.DEFLATED.getCode(), ZipMethod.BZIP2.getCode());

    private ArchiveValidation() {
    }

    static ZipFile openZip(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ArchiveException("Archive " + file + " does not exist or is not a file; check the path");
        }
        try {
            return ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            throw new ArchiveException("Archive " + file + " is not a readable zip file (" + e.getMessage()
                    + "); it may be truncated or corrupt, copy or export it again", e);
        }
    }

    /** Validates every entry and returns the task ids of the events entries, in stored order. */
    static List<String> validate(Path file, ZipFile zip, ArchiveLimits limits) {
        List<String> taskIds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
            String problem = problem(entry, limits, seen);
            if (problem != null) {
                throw new ArchiveException("Archive " + file + ", entry " + printable(entry.getName()) + ": "
                        + problem);
            }
            EntityKind.taskIdOfEventsEntry(entry.getName()).ifPresent(taskIds::add);
        }
        return List.copyOf(taskIds);
    }

    private static @Nullable String problem(ZipArchiveEntry entry, ArchiveLimits limits, Set<String> seen) {
        String name = entry.getName();
        if (!SafeNames.isSafeRelativePath(name)) {
            return "unsafe entry name (absolute or leaving the archive); refusing the archive";
        }
        if (!EntityKind.isKnownEntry(name)) {
            return "unknown entry; ClearML's importer accepts only metadata.json, users.json, entity files and"
                    + " task events files";
        }
        if (!seen.add(name)) {
            return "stored twice; the archive is corrupt";
        }
        return contentProblem(entry, limits);
    }

    private static @Nullable String contentProblem(ZipArchiveEntry entry, ArchiveLimits limits) {
        if (!METHODS.contains(entry.getMethod())) {
            return "unsupported compression method " + entry.getMethod() + " (expected BZIP2, DEFLATE or STORED)";
        }
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            return "encrypted; ClearML archives are never encrypted";
        }
        if (entry.getSize() > limits.maxEntryBytes()) {
            return "declares " + entry.getSize() + " bytes, more than the limit of " + limits.maxEntryBytes();
        }
        return null;
    }

    // Names come from the archive; keep control characters out of the one-line message.
    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }
}
