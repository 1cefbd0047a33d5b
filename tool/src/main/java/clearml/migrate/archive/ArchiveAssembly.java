package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.jspecify.annotations.Nullable;

/** Puts finished parts into one zip file in the target directory, then renames it to its final name. */
final class ArchiveAssembly {

    private final Path temp;
    private final EntryCompression compression;

    ArchiveAssembly(Path directory, EntryCompression compression) {
        this.compression = compression;
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
                entries.add(compression == EntryCompression.BZIP2 ? writeMetadataRaw(zip, metadata)
                        : writeMetadata(zip, metadata));
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
        return new EntrySummary(EntityKind.METADATA_ENTRY, 1, metadata.length, entry.getCompressedSize(),
                entry.getCrc());
    }

    /** {@code metadata.json} compressed here and added raw, as every entry of a BZIP2 archive. */
    private static EntrySummary writeMetadataRaw(ZipArchiveOutputStream zip, byte[] metadata) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream bzip2 = EntryCompression.bzip2(compressed)) {
            bzip2.write(metadata);
        }
        CRC32 crc = new CRC32();
        crc.update(metadata);
        ZipArchiveEntry entry = rawEntry(EntityKind.METADATA_ENTRY, EntryCompression.BZIP2, crc.getValue(),
                metadata.length, compressed.size());
        zip.addRawArchiveEntry(entry, new ByteArrayInputStream(compressed.toByteArray()));
        return new EntrySummary(EntityKind.METADATA_ENTRY, 1, metadata.length, compressed.size(), crc.getValue());
    }

    private static ZipArchiveEntry rawEntry(String name, EntryCompression compression, long crc, long size,
            long compressedSize) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(compression.method());
        entry.setCrc(crc);
        entry.setSize(size);
        entry.setCompressedSize(compressedSize);
        entry.setTime(System.currentTimeMillis());
        return entry;
    }

    private static void copyRaw(ZipArchiveOutputStream zip, PartFile part) throws IOException {
        EntrySummary summary = part.summary();
        ZipArchiveEntry entry = rawEntry(summary.name(), part.compression(), summary.crc32(), summary.bytes(),
                summary.compressedBytes());
        try (InputStream raw = part.raw()) {
            zip.addRawArchiveEntry(entry, raw);
        }
    }
}
