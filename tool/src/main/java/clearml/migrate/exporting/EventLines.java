package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.EntryWriter;
import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the stored events of one task or model into archive lines. Most events pass through as a token copy
 * ({@link SourceCopy}); only those that must change become a tree: a plot stored compressed (written decompressed,
 * as ClearML exports it, data model §2.5), and, when {@code --url-map} or the {@code .artifacts} companion needs
 * their URLs, debug images and plots. Not thread-safe: one per worker and entity.
 */
final class EventLines implements AutoCloseable {

    private static final ObjectMapper JSON = ArchiveJson.mapper();
    /** A line buffer grown past this by one large event is let go after it. */
    private static final int KEPT_LINE_BYTES = 1 << 20;

    private final Line line = new Line();
    private final JsonGenerator generator = ArchiveJson.lineGenerator(line);
    private final SourceCopy copy = new SourceCopy();
    private final ExportLinks links;
    private final ArtifactReferences references;
    private final LinkTally entityLinks;
    private long bytes;
    private long lines;
    private long reportedLines;
    private long reportedBytes;

    EventLines(ExportLinks links, ArtifactReferences references, LinkTally entityLinks) {
        this.links = links;
        this.references = references;
        this.entityLinks = entityLinks;
    }

    /** Copies the stored event the parser stands on into {@code entry} as one line. */
    void copy(JsonParser source, Sink entry) throws IOException {
        line.reset();
        copy.copy(source, generator);
        generator.flush();
        if (needsTree()) {
            ObjectNode event = (ObjectNode) JSON.readTree(line.array(), 0, line.size());
            line.reset();
            JSON.writeValue(generator, transformed(event));
            generator.flush();
        }
        emit(entry);
    }

    /** Writes an event read as a tree (plots are scrolled apart, as trees) into {@code entry}. */
    void write(ObjectNode event, Sink entry) {
        try {
            line.reset();
            JSON.writeValue(generator, transformed(event));
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        emit(entry);
    }

    private void emit(Sink entry) {
        lines++;
        bytes += line.size();
        entry.line(line.array(), 0, line.size());
        line.shrink();
    }

    /** Tells {@code progress} the lines and bytes written since the last report. */
    void reportTo(Progress progress) {
        progress.advance(lines - reportedLines, bytes - reportedBytes);
        reportedLines = lines;
        reportedBytes = bytes;
    }

    /** Takes back from {@code progress} everything reported so far: the entity is read again from the start. */
    void takeBackFrom(Progress progress) {
        progress.advance(-reportedLines, -reportedBytes);
        lines = 0;
        bytes = 0;
        reportedLines = 0;
        reportedBytes = 0;
    }

    /** The bytes of the lines written so far. */
    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean needsTree() {
        String type = copy.type();
        boolean urls = EventType.PLOT.value().equals(type) || EventType.TRAINING_DEBUG_IMAGE.value().equals(type);
        return copy.hasPlotData() || (urls && links.rewrites() || urls && references.collects());
    }

    /** URLs are noted for the companion before {@code --url-map} rewrites them: the old URL names the file. */
    private ObjectNode transformed(ObjectNode event) {
        PlotCodec.toExported(event);
        references.event(event);
        links.event(event, entityLinks);
        return event;
    }

    /** Where lines go: an events entry ({@link EntryWriter#writeEncoded}). */
    @FunctionalInterface
    interface Sink {
        void line(byte[] bytes, int offset, int length);
    }

    /** A reusable buffer for one line. */
    private static final class Line extends ByteArrayOutputStream {
        Line() {
            super(8 * 1024);
        }

        byte[] array() {
            return buf;
        }

        void shrink() {
            if (buf.length > KEPT_LINE_BYTES) {
                buf = new byte[8 * 1024];
            }
            reset();
        }
    }
}
