package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;

/**
 * Reads a ClearML archive (data model §3), as written by ClearML (BZIP2 entries) or by {@link ArchiveWriter}
 * (DEFLATE). Opening validates the whole directory: every entry must be one the importer knows, with a safe
 * name, a supported method and a size within {@link ArchiveLimits}. Entities and events are then streamed
 * line by line with ClearML's stripping rules (§3.4); only one line is held in memory at a time. Each stream
 * is independent and must be closed; the reader itself is not thread-safe.
 */
public final class ArchiveReader implements ArchiveContent {

    private final Path file;
    private final ZipFile zip;
    private final ArchiveLimits limits;
    private final ObjectMapper json = ArchiveJson.mapper();
    private final EventLineType eventType = new EventLineType(json.getFactory());
    private final List<String> eventTaskIds;

    private ArchiveReader(Path file, ZipFile zip, ArchiveLimits limits) {
        this.file = file;
        this.zip = zip;
        this.limits = limits;
        this.eventTaskIds = ArchiveValidation.validate(file, zip, limits);
    }

    /** Opens and validates an archive with the default limits. */
    public static ArchiveReader open(Path file) {
        return open(file, ArchiveLimits.defaults());
    }

    /** Opens and validates an archive; throws ArchiveException naming the file and entry at the first fault. */
    public static ArchiveReader open(Path file, ArchiveLimits limits) {
        ZipFile zip = ArchiveValidation.openZip(file);
        try {
            return new ArchiveReader(file, zip, limits);
        } catch (RuntimeException e) {
            ZipFile.closeQuietly(zip);
            throw e;
        }
    }

    /** The archive file. */
    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    /** Every entry name, in the order they are stored. */
    public List<String> entryNames() {
        List<String> names = new ArrayList<>();
        Collections.list(zip.getEntriesInPhysicalOrder()).forEach(entry -> names.add(entry.getName()));
        return names;
    }

    /** The bytes of every entry once inflated, as the zip's directory declares them (validated on opening). */
    @Override
    public long uncompressedBytes() {
        long bytes = 0;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            bytes += Math.max(0, entry.getSize());
        }
        return bytes;
    }

    /** Whether the archive has an entity file for this kind (ClearML skips empty ones, §3.3). */
    @Override
    public boolean has(EntityKind kind) {
        return zip.getEntry(kind.entryName()) != null;
    }

    /** {@code metadata.json}, when present (data model §3.6). */
    @Override
    public Optional<ObjectNode> metadata() {
        return wholeEntry(EntityKind.METADATA_ENTRY).map(text -> parseObject(EntityKind.METADATA_ENTRY, text));
    }

    /** {@code users.json}, when present, parsed as a whole as ClearML does (data model §3.7). */
    @Override
    public Optional<ArchiveUsers> users() {
        return wholeEntry(EntityKind.USERS_ENTRY).map(this::parseUsers);
    }

    /**
     * Streams the documents of one entity file in stored order; empty when the archive has none of this kind.
     * Every document must have an {@code _id}, unique within the entry.
     */
    @Override
    public CloseableIterator<Document> entities(EntityKind kind) {
        ZipArchiveEntry entry = zip.getEntry(kind.entryName());
        if (entry == null) {
            return EntryIterator.empty();
        }
        return new EntryIterator<>(open(entry), limits.maxLineBytes(), new EntityLines(), where(entry));
    }

    /** The ids of the tasks that have an events entry, in stored order. */
    @Override
    public List<String> eventTaskIds() {
        return eventTaskIds;
    }

    /** Streams one task's events in stored order; empty when the archive has no events entry for the task. */
    @Override
    public CloseableIterator<ObjectNode> events(String taskId) {
        ZipArchiveEntry entry = zip.getEntry(EntityKind.eventsEntryName(taskId));
        if (entry == null) {
            return EntryIterator.empty();
        }
        return new EntryIterator<>(open(entry), limits.maxLineBytes(), (line, n) -> parseEvent(line), where(entry));
    }

    /** Streams one task's events as {@link #events} does, an ASCII line's tree parsed only when asked for. */
    @Override
    public CloseableIterator<ArchivedEvent> eventLines(String taskId) {
        ZipArchiveEntry entry = zip.getEntry(EntityKind.eventsEntryName(taskId));
        if (entry == null) {
            return EntryIterator.empty();
        }
        String where = where(entry);
        return new EntryIterator<>(open(entry), limits.maxLineBytes(), (line, n) -> line.ascii()
                ? ArchivedEvent.ofAscii(line.bytes(), line.offset(), line.length(), () -> parseLater(line, where, n))
                : ArchivedEvent.of(parseEvent(line)), where);
    }

    private ObjectNode parseLater(ArchiveLine line, String where, long lineNumber) {
        try {
            return parseEvent(line);
        } catch (IllegalArgumentException e) {
            throw EntryIterator.badLine(where, lineNumber, e);
        }
    }

    /**
     * Streams the top-level {@code type} of each of one task's events in stored order (a missing node when an event
     * has none), checking every line as {@link #events} does but building no event: for counting them.
     */
    @Override
    public CloseableIterator<JsonNode> eventTypes(String taskId) {
        ZipArchiveEntry entry = zip.getEntry(EntityKind.eventsEntryName(taskId));
        if (entry == null) {
            return EntryIterator.empty();
        }
        return new EntryIterator<>(open(entry), limits.maxLineBytes(), (line, n) -> eventType.of(line), where(entry));
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file, e);
        }
    }

    private String where(ZipArchiveEntry entry) {
        return "Archive " + file + ", entry " + entry.getName();
    }

    private InputStream open(ZipArchiveEntry entry) {
        try {
            long bound = entry.getSize() >= 0 ? Math.min(entry.getSize(), limits.maxEntryBytes())
                    : limits.maxEntryBytes();
            // Buffered because the line reader takes one byte at a time.
            return new BufferedInputStream(new BoundedInputStream(zip.getInputStream(entry), bound,
                    "limit or declared size"), 64 * 1024);
        } catch (IOException e) {
            throw new ArchiveException(where(entry) + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    private Optional<String> wholeEntry(String name) {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            return Optional.empty();
        }
        try (InputStream in = new BoundedInputStream(open(entry), limits.maxLineBytes(), "line limit")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return Optional.of(bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ArchiveException(where(entry) + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private ObjectNode parseObject(String name, String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new ArchiveException("Archive " + file + ", entry " + name + ": not a JSON object ("
                    + ExtendedJson.firstLine(e.getMessage()) + ")", e);
        }
        throw new ArchiveException("Archive " + file + ", entry " + name + ": not a JSON object");
    }

    // The parser's own message may quote text near the fault, and users.json holds secrets (§3.7): leave it out.
    private ArchiveUsers parseUsers(String text) {
        try {
            Document users = ExtendedJson.read(text);
            return new ArchiveUsers(users.getList("auth", Document.class, List.of()),
                    users.getList("backend", Document.class, List.of()));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ArchiveException("Archive " + file + ", entry " + EntityKind.USERS_ENTRY
                    + ": not a JSON object {\"auth\": [...], \"backend\": [...]}; re-export the archive");
        }
    }

    private ObjectNode parseEvent(ArchiveLine line) {
        try {
            JsonNode node = line.ascii() ? json.readTree(line.bytes(), line.offset(), line.length())
                    : json.readTree(line.text());
            if (node instanceof ObjectNode event) {
                return event;
            }
            throw new IllegalArgumentException("not a JSON object");
        } catch (IOException e) {
            throw new IllegalArgumentException("not one JSON document (" + ExtendedJson.firstLine(e.getMessage())
                    + ")", e);
        }
    }

    /** Parses entity lines and checks that every document has an {@code _id} not seen before in the entry. */
    private static final class EntityLines implements EntryIterator.LineParser<Document> {
        private final Map<Object, Long> firstLine = new HashMap<>();

        @Override
        public Document parse(ArchiveLine line, long lineNumber) {
            Document document;
            try {
                document = ExtendedJson.read(line.text());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not one JSON document (" + e.getMessage() + ")", e);
            }
            Object id = document.get("_id");
            if (id == null) {
                throw new IllegalArgumentException("document has no _id");
            }
            Long previous = firstLine.putIfAbsent(id, lineNumber);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate _id " + id + ", first seen on line " + previous);
            }
            return document;
        }
    }
}
