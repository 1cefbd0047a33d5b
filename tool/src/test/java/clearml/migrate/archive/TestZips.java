package clearml.migrate.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/** Builds small zips by hand, including broken ones the tool must refuse. */
final class TestZips {

    private TestZips() {
    }

    /** A DEFLATE zip with the given entry names and texts, in order. */
    static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                put(zip, entry.getKey(), out -> out.write(entry.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return file;
    }

    /** A DEFLATE zip with the given entry names and bytes, in order. */
    static Path zipBytes(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(zip, entry.getKey(), out -> out.write(entry.getValue()));
            }
        }
        return file;
    }

    /** A zip with one entry whose content is produced by {@code content}. */
    static Path zip(Path file, String name, Content content) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            put(zip, name, content);
        }
        return file;
    }

    private static void put(ZipArchiveOutputStream zip, String name, Content content) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipMethod.DEFLATED.getCode());
        zip.putArchiveEntry(entry);
        content.write(zip);
        zip.closeArchiveEntry();
    }

    /** Writes an entry's bytes. */
    @FunctionalInterface
    interface Content {
        void write(OutputStream out) throws IOException;
    }
}
