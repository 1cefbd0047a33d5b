package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.EntryWriter;
import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the stored events of one task or model into archive lines. Most events pass through from the bytes the
 * engine sent ({@link SourceBytes}, or as a token copy, {@link SourceCopy}, for what that pass leaves out); only
 * those that must change become a tree: a plot stored compressed (written decompressed,
 * as ClearML exports it, data model §2.5), and, when {@code --url-map} or the {@code .artifacts} companion needs
 * their URLs, debug images and plots. Not thread-safe: one per worker and entity.
 */
final class EventLines implements AutoCloseable {

    private static final ObjectMapper JSON = ArchiveJson.mapper();
    /** Parses stored events as the engine's answers are parsed: {@code NaN} and {@code Infinity} allowed. */
    private static final JsonFactory STORED = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    /** A line buffer grown past this by one large event is let go after it. */
    private static final int KEPT_LINE_BYTES = 1 << 20;

    private final Line line = new Line();
    private final JsonGenerator generator = ArchiveJson.lineGenerator(line);
    private final SourceBytes direct = new SourceBytes();
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

    /**
     * Writes the stored event whose {@code _source} the engine sent as {@code source[offset, offset + length)}
     * into {@code entry} as one line: straight from the bytes ({@link SourceBytes}), or token by token
     * ({@link SourceCopy}) for what that pass leaves to the generator; a tree only when the event must change.
     */
    void copy(byte[] source, int offset, int length, Sink entry) throws IOException {
        if (direct.copy(source, offset, offset + length)) {
            finish(direct.array(), direct.size(), direct.type(), direct.hasPlotData(), entry);
            direct.shrink(KEPT_LINE_BYTES);
            return;
        }
        try (JsonParser parser = STORED.createParser(source, offset, length)) {
            parser.nextToken();
            line.reset();
            copy.copy(parser, generator);
            generator.flush();
        }
        finish(line.array(), line.size(), copy.type(), copy.hasPlotData(), entry);
    }

    /** Emits the copied line {@code array[0, size)}, or the event it holds changed when it must change. */
    private void finish(byte[] array, int size, String type, boolean plotData, Sink entry) throws IOException {
        if (needsTree(type, plotData)) {
            ObjectNode event = (ObjectNode) JSON.readTree(array, 0, size);
            line.reset();
            JSON.writeValue(generator, transformed(event));
            generator.flush();
            emit(line.array(), line.size(), entry);
        } else {
            emit(array, size, entry);
        }
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
        emit(line.array(), line.size(), entry);
    }

    private void emit(byte[] array, int size, Sink entry) {
        lines++;
        bytes += size;
        entry.line(array, 0, size);
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

    private boolean needsTree(String type, boolean plotData) {
        boolean urls = EventType.PLOT.value().equals(type) || EventType.TRAINING_DEBUG_IMAGE.value().equals(type);
        return plotData || (urls && links.rewrites() || urls && references.collects());
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
