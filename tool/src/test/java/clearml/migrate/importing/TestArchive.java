package clearml.migrate.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds small archives for tests, byte for byte in ClearML's layout (data model §3.3, §3.4) but with DEFLATE
 * entries, written with commons-compress directly rather than the tool's writer, so that broken archives can be
 * built too.
 */
public final class TestArchive {

    private final Map<String, String> entries = new LinkedHashMap<>();

    /** An entry holding these lines in ClearML's JSON-lines array layout. */
    public TestArchive lines(String entry, List<String> lines) {
        entries.put(entry, "[\n" + String.join(",\n", lines) + "\n]");
        return this;
    }

    /** An entry holding exactly this text. */
    public TestArchive raw(String entry, String text) {
        entries.put(entry, text);
        return this;
    }

    public TestArchive projects(String... lines) {
        return lines("database.model.project.Project.json", List.of(lines));
    }

    public TestArchive models(String... lines) {
        return lines("database.model.model.Model.json", List.of(lines));
    }

    public TestArchive tasks(String... lines) {
        return lines("database.model.task.task.Task.json", List.of(lines));
    }

    public TestArchive events(String taskId, String... lines) {
        return lines("database.model.task.task.Task_" + taskId + "_events.json", List.of(lines));
    }

    /** Writes the archive as {@code dir/name}. */
    public Path writeTo(Path dir, String name) {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                zipEntry.setMethod(ZipArchiveEntry.DEFLATED);
                zip.putArchiveEntry(zipEntry);
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
