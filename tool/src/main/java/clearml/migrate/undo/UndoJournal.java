package clearml.migrate.undo;

import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileStore;
import clearml.migrate.undo.JournalRecord.Committed;
import clearml.migrate.undo.JournalRecord.Created;
import clearml.migrate.undo.JournalRecord.CreatedEvent;
import clearml.migrate.undo.JournalRecord.CreatedTaskEvents;
import clearml.migrate.undo.JournalRecord.DeletedEvent;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.JournalRecord.FilePlaced;
import clearml.migrate.undo.JournalRecord.Header;
import clearml.migrate.undo.JournalRecord.Prior;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Writes an undo journal: a file of JSON lines ({@link JournalRecord}s), gzip-compressed in members that each end at
 * a {@link #flush()}. The records methods append; {@link #flush()} ends the member and forces the file to the disk
 * ({@link FileChannel#force}). The contract with the writing command: journal a batch of changes, {@code flush()},
 * then make them. After a crash, every change that reached a store is described by a record on disk; records of
 * changes that never landed may be there too, and undo treats them as no-ops. A crash mid-member leaves a truncated
 * tail, which {@link JournalReader} drops. Replaced files are copied into {@code <journal>.files/} first.
 * Thread-safe: records from several threads interleave whole.
 */
public final class UndoJournal implements Closeable {

    /** What a journal's name ends with: gzip-compressed JSON lines, readable with {@code zcat}. */
    public static final String SUFFIX = ".undo.jsonl.gz";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path file;
    private final FileOutputStream out;
    private final JournalCodec codec = new JournalCodec();
    private @Nullable GZIPOutputStream member;
    private @Nullable Writer lines;
    private int copies;
    private boolean closed;

    private UndoJournal(Path file, FileOutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** The default journal of an import: beside the archive, {@code <archive>.undo.jsonl.gz}. */
    public static Path besideArchive(Path archive) {
        return archive.resolveSibling(archive.getFileName() + SUFFIX);
    }

    /**
     * The first free default journal name beside an archive: {@code <archive>.undo.jsonl.gz}, else
     * {@code <archive>.undo-2.jsonl.gz}, {@code -3}, ... So rerunning an interrupted import keeps the first run's
     * journal; undo the journals newest first.
     */
    public static Path freeBesideArchive(Path archive) {
        int run = 1;
        while (Files.exists(numbered(archive, run))) {
            run++;
        }
        return numbered(archive, run);
    }

    /** The journal of the {@code run}-th import of an archive: {@code .undo.jsonl.gz}, {@code .undo-2.jsonl.gz}... */
    private static Path numbered(Path archive, int run) {
        return run == 1 ? besideArchive(archive) : archive.resolveSibling(archive.getFileName() + ".undo-" + run + ".jsonl.gz");
    }

    /**
     * The journal the latest import of {@code archive} left beside it, when one did: the existing name of
     * {@code <archive>.undo.jsonl.gz}, {@code .undo-2.jsonl.gz}, ... with the highest number.
     */
    public static Optional<Path> newestBesideArchive(Path archive) {
        int run = 1;
        while (Files.exists(numbered(archive, run))) {
            run++;
        }
        return run == 1 ? Optional.empty() : Optional.of(numbered(archive, run - 1));
    }

    /** The default journal of a relink, which has no archive: {@code relink-<UTC time>.undo.jsonl.gz} here. */
    public static Path forRelink(Clock clock) {
        return forRun("relink", clock);
    }

    /** {@code <command>-<yyyyMMdd-HHmmss UTC>.undo.jsonl.gz} in the working directory: a run with no archive. */
    public static Path forRun(String command, Clock clock) {
        return Path.of(command + "-" + STAMP.format(clock.instant()) + SUFFIX);
    }

    /** Where copies of the files a command replaces are kept: {@code <journal>.files/}. */
    public static Path sideDirectory(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".files");
    }

    /**
     * Creates the journal and writes its header to the disk.
     *
     * @throws UsageException when the file exists already: it may be the only way back from an earlier run
     */
    public static UndoJournal create(Path file, Header header) {
        try {
            FileOutputStream out = new FileOutputStream(Files.createFile(file).toFile());
            UndoJournal journal = new UndoJournal(file, out);
            journal.append(header);
            journal.flush();
            syncDirectory(file.toAbsolutePath().getParent());
            return journal;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UsageException("The undo journal " + file + " exists already; undo that run or move the file, "
                    + "or name another with --undo-log", e);
        } catch (IOException e) {
            throw new UsageException("Cannot create the undo journal " + file + ": " + e.getMessage()
                    + " — check the directory, or name another file with --undo-log", e);
        }
    }

    public Path file() {
        return file;
    }

    /** Records a document the command is about to create, with the hash of exactly what it writes. */
    public void created(String database, String collection, Document written) {
        append(new Created(database, collection, written.get("_id"), DocumentHash.of(written)));
    }

    /** Records the current version of a document the command is about to overwrite with {@code written}. */
    public void prior(String database, String collection, Document prior, Document written) {
        append(new Prior(database, collection, prior, DocumentHash.of(written)));
    }

    /** Records a document the command is about to delete; undo puts it back. */
    public void deleted(String database, String collection, Document prior) {
        append(new Prior(database, collection, prior, DocumentHash.ABSENT));
    }

    /** Records an event the command is about to delete. */
    public void deletedEvent(EventHit event) {
        append(new DeletedEvent(event.index(), event.id(), event.source()));
    }

    /**
     * Records every event of these tasks stored now in the company's indices, and that the command is about to
     * delete them and write the tasks' events afresh: the import's "replace a task's events" (data model §5.5).
     * Call {@link #flush()} after it, then delete and write.
     *
     * @return how many stored events were journalled
     */
    public long replacingTaskEvents(EventStore events, String company, List<String> taskIds) {
        return replacingTaskEvents(events, company, taskIds, taskIds);
    }

    /**
     * As {@link #replacingTaskEvents(EventStore, String, List)}, reading stored events only of {@code holding}, the
     * tasks the caller knows to hold any (from a count taken after the indices were refreshed): for the others
     * there is nothing to journal, and a first import saves a scroll per round.
     */
    public long replacingTaskEvents(EventStore events, String company, List<String> taskIds,
            Collection<String> holding) {
        long journalled = 0;
        if (taskIds.isEmpty()) {
            return 0;
        }
        if (!holding.isEmpty()) {
            try (EventScroll stored = events.scroll(EventQuery.ofTasks(company, holding))) {
                while (stored.hasNext()) {
                    deletedEvent(stored.next());
                    journalled++;
                }
            }
        }
        append(new CreatedTaskEvents(company, taskIds));
        return journalled;
    }

    /** Records an event the command is about to index where no event with that id is. */
    public void createdEvent(String index, String id) {
        append(new CreatedEvent(index, id));
    }

    /** Records a field of a document the command is about to change; {@code path} is dotted, as in {@code $set}. */
    public void fieldChange(String database, String collection, Object id, String path, @Nullable Object oldValue,
            @Nullable Object newValue) {
        append(new FieldChange(database, collection, id, path, oldValue, newValue));
    }

    /** Records a top-level field of an event the command is about to change. */
    public void eventFieldChange(String index, String id, String field, JsonNode oldValue, JsonNode newValue) {
        append(new EventFieldChange(index, id, field, oldValue, newValue));
    }

    /**
     * Records a file the command is about to place (write or overwrite) in a file store. A file already there is
     * first copied into the side directory and forced to the disk, so undo can put it back.
     */
    public synchronized void filePlaced(FileStore store, String relativePath) {
        String copy = null;
        Optional<InputStream> existing = store.open(relativePath);
        if (existing.isPresent()) {
            copy = String.format("%08d", ++copies);
            keepCopy(existing.get(), store.location() + "/" + relativePath, sideDirectory(file).resolve(copy));
        }
        append(new FilePlaced(storeName(store), relativePath, copy));
    }

    /** How a journal names a store: a URL as it is, a directory as an absolute path (undo may run elsewhere). */
    static String storeName(FileStore store) {
        String location = store.location();
        String lower = location.toLowerCase(Locale.ROOT);
        boolean url = lower.startsWith("http://") || lower.startsWith("https://");
        return url ? location : Path.of(location).toAbsolutePath().normalize().toString();
    }

    /** Appends any record; the record methods above are the usual way. */
    public synchronized void append(JournalRecord record) {
        requireOpen();
        try {
            lines().write(codec.write(record));
            lines().write('\n');
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Ends the current member and forces the file to the disk: what was appended survives a crash from now on. */
    public synchronized void flush() {
        requireOpen();
        if (member == null) {
            return;
        }
        try {
            lines().flush();
            member.finish();
            member = null;
            lines = null;
            out.getChannel().force(false);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Marks the command as finished and flushes. */
    public synchronized void commit(Clock clock) {
        append(new Committed(clock.instant()));
        flush();
    }

    /** Flushes and closes; a journal closed without {@link #commit} stands for an interrupted command. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    private Writer lines() throws IOException {
        if (lines == null) {
            member = new GZIPOutputStream(new KeepOpen(out), 1 << 16);
            lines = new BufferedWriter(new OutputStreamWriter(member, StandardCharsets.UTF_8), 1 << 16);
        }
        return lines;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The undo journal " + file + " is closed");
        }
    }

    private UsageException failed(IOException e) {
        return new UsageException("Cannot write the undo journal " + file + " (" + e.getMessage() + "); the command "
                + "stopped before its next change — free some space or name another file with --undo-log, then run "
                + "it again", e);
    }

    private static void keepCopy(InputStream source, String name, Path copy) {
        try (InputStream in = source) {
            Files.createDirectories(copy.getParent());
            Files.copy(in, copy);
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            syncDirectory(copy.getParent());
        } catch (IOException e) {
            throw new UsageException("Cannot keep a copy of " + name + " in " + copy.getParent() + " ("
                    + e.getMessage() + "); the command stopped before replacing it — free some space beside the "
                    + "undo journal, then run it again", e);
        }
    }

    /** Makes a new directory entry durable; Linux allows forcing a directory, other systems may not. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort: where a directory cannot be opened, the file system orders its metadata itself
        }
    }

    /** Lets a gzip member end without closing the file it is written to. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
