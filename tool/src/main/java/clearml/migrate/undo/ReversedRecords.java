package clearml.migrate.undo;

import clearml.migrate.failures.UsageException;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A journal's records spooled to temporary files so they can be read newest first, as often as needed. A gzip
 * stream cannot be read backwards, so the records are cut into chunks of about {@value #CHUNK_CHARS} characters;
 * reading backwards loads one chunk at a time. Memory: one chunk. The files are deleted on {@link #close()}.
 */
final class ReversedRecords implements Closeable {

    static final int CHUNK_CHARS = 8 << 20;

    private final JournalCodec codec = new JournalCodec();
    private final Path directory;
    private final List<Path> chunks = new ArrayList<>();
    private Writer writer;
    private long chunkChars;

    ReversedRecords() {
        try {
            directory = Files.createTempDirectory("clearml-undo");
            writer = nextChunk();
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    void add(JournalRecord record) {
        String line = codec.write(record);
        try {
            if (chunkChars > 0 && chunkChars + line.length() > CHUNK_CHARS) {
                writer.close();
                writer = nextChunk();
                chunkChars = 0;
            }
            writer.write(line);
            writer.write('\n');
            chunkChars += line.length() + 1;
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    /** Calls {@code action} with every record, the last written first. */
    void forEachNewestFirst(Consumer<JournalRecord> action) {
        try {
            writer.flush();
            for (int chunk = chunks.size() - 1; chunk >= 0; chunk--) {
                List<String> lines = Files.readAllLines(chunks.get(chunk), StandardCharsets.UTF_8);
                for (int line = lines.size() - 1; line >= 0; line--) {
                    action.accept(codec.read(lines.get(line)));
                }
            }
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }

    private Writer nextChunk() throws IOException {
        Path chunk = directory.resolve(String.format("%06d.jsonl", chunks.size()));
        chunks.add(chunk);
        return new BufferedWriter(Files.newBufferedWriter(chunk, StandardCharsets.UTF_8), 1 << 16);
    }

    private UsageException spoolFailed(IOException e) {
        return new UsageException("Cannot spool the undo journal to the temporary directory (" + e.getMessage()
                + "); nothing was undone yet — free some space there or point -Djava.io.tmpdir elsewhere "
                + "(CLEARML_MIGRATE_JAVA_OPTS)", e);
    }

    @Override
    public void close() {
        try {
            writer.close();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw spoolFailed(e);
        }
    }
}
