package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.jspecify.annotations.Nullable;

/** Puts finished parts into one zip file in the target directory, then renames it to its final name. */
final class ArchiveAssembly {

    private final Path temp;

    ArchiveAssembly(Path directory) {
        try {
            this.temp = Files.createTempFile(directory, ".clearml-migrate-", ".zip.tmp");
        } catch (IOException e) {
            throw new ArchiveException("Cannot create a file in " + directory + " (" + e.getMessage() + ")", e);
        }
    }

    Path temp() {
        return temp;
    }

    /** Writes metadata (when given) and then the parts in the given order; returns the summaries in zip order. */
    List<EntrySummary> write(byte @Nullable [] metadata, List<PartFile> parts) {
        List<EntrySummary> entries = new ArrayList<>();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(temp)) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            if (metadata != null) {
                entries.add(writeMetadata(zip, metadata));
            }
            for (PartFile part : parts) {
                copyRaw(zip, part);
                entries.add(part.summary());
            }
        } catch (IOException e) {
            throw new ArchiveException("Cannot write archive " + temp + " (" + e.getMessage()
                    + "); check free disk space", e);
        }
        return entries;
    }

    void moveTo(Path target) {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ArchiveException("Cannot rename " + temp + " to " + target + " (" + e.getMessage() + ")", e);
        }
    }

    private static EntrySummary writeMetadata(ZipArchiveOutputStream zip, byte[] metadata) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(EntityKind.METADATA_ENTRY);
        entry.setMethod(ZipMethod.DEFLATED.getCode());
        zip.putArchiveEntry(entry);
        zip.write(metadata);
        zip.closeArchiveEntry();
        String sha256 = java.util.HexFormat.of().formatHex(PartOutput.sha256().digest(metadata));
        return new EntrySummary(EntityKind.METADATA_ENTRY, 1, metadata.length, entry.getCompressedSize(), sha256);
    }

    private static void copyRaw(ZipArchiveOutputStream zip, PartFile part) throws IOException {
        EntrySummary summary = part.summary();
        ZipArchiveEntry entry = new ZipArchiveEntry(summary.name());
        entry.setMethod(ZipMethod.DEFLATED.getCode());
        entry.setCrc(part.crc());
        entry.setSize(summary.bytes());
        entry.setCompressedSize(summary.compressedBytes());
        entry.setTime(System.currentTimeMillis());
        try (InputStream raw = part.raw()) {
            zip.addRawArchiveEntry(entry, raw);
        }
    }
}
