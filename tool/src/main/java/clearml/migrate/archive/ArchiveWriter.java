package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Writes an archive ClearML's own importer accepts (data model §3), named {@code export_<md5>.zip}.
 *
 * <p><b>How.</b> Each entry is written through an {@link EntryWriter} as its own compressed stream into a temp
 * file shared with entries written before it ({@link SpillFiles}): DEFLATE by default, its blocks deflated on every
 * core by the writer's {@link Compressor}, or BZIP2 as ClearML writes (§3.2 and §9.1: compressed here and added
 * raw, since commons-compress would label stored bytes as BZIP2), one core per entry ({@link EntryCompression}).
 * {@link #finish} then assembles the zip by copying those compressed bytes unchanged
 * ({@code addRawArchiveEntry}), which lets {@code metadata.json} come first although it may carry counts and
 * digests known only at the end. The zip goes to a temp file in the target directory, is renamed atomically to
 * its final name, and everything temporary is deleted on {@link #close} whether or not it succeeded.
 *
 * <p><b>Order in the zip</b> (§3.3): {@code metadata.json}, {@code users.json}, Model, Project, then each
 * task's {@code _events.json} in the order the tasks were written to Task.json (events of tasks not in Task.json
 * follow in the order their writers were opened), then Task. The md5 is ClearML's: metadata text, then per
 * class the events entries and the entity file (§3.8); {@code users.json} is not hashed.
 *
 * <p><b>Caller's contract.</b> Entities of each kind must be written in ClearML's order, ascending by
 * ({@code name}, {@code _id}) compared by code point, which is MongoDB's {@code sort({name: 1, _id: 1})};
 * a document out of order, without {@code _id} or with a repeated {@code _id} is refused.
 *
 * <p><b>Threads.</b> {@link #entities}, {@link #events} and {@link #users} may be called from any thread, and
 * different entry writers may be filled concurrently (for example one worker per task's events, each
 * compressing in parallel); one entry writer must be used by one thread at a time. {@link #finish} runs after
 * every entry writer is closed.
 */
public final class ArchiveWriter implements AutoCloseable {

    private final Path requested;
    private final Path partsDir;
    private final ObjectMapper json = ArchiveJson.mapper();
    private final Map<EntityKind, EntityOrder> orders = new EnumMap<>(EntityKind.class);
    private final Map<String, @Nullable PartFile> parts = new LinkedHashMap<>();
    private final Map<String, Integer> taskOrder = new HashMap<>();
    private final Map<String, PartOutput> unfinished = new HashMap<>();
    private final Compressor compressor = new Compressor(Runtime.getRuntime().availableProcessors());
    private final SpillFiles spills;
    private final EntryCompression compression;
    private @Nullable Path zipTemp;
    private boolean finished;

    private ArchiveWriter(Path requested, Path partsDir, EntryCompression compression) {
        this.requested = requested;
        this.compression = compression;
        this.partsDir = partsDir;
        this.spills = new SpillFiles(partsDir);
    }

    /**
     * Starts an archive for the requested output name, e.g. {@code /out/export.zip} or a directory (§3.1); the
     * final name is decided by {@link ArchiveNaming#archive(Path, String)} once the md5 is known.
     */
    public static ArchiveWriter create(Path requested) {
        return create(requested, EntryCompression.DEFLATE);
    }

    /** Starts an archive whose entries are compressed as asked. */
    public static ArchiveWriter create(Path requested, EntryCompression compression) {
        Path dir = ArchiveNaming.targetDirectory(requested);
        try {
            Files.createDirectories(dir);
            return new ArchiveWriter(requested, Files.createTempDirectory(dir, ".clearml-migrate-parts-"), compression);
        } catch (IOException e) {
            throw new ArchiveException("Cannot write in " + dir + " (" + e.getMessage() + "); check the --output path"
                    + " and its permissions", e);
        }
    }

    /** Opens the entity file of one kind; each kind at most once. Documents must come sorted (see above). */
    public synchronized EntryWriter<Document> entities(EntityKind kind) {
        if (orders.containsKey(kind)) {
            throw new IllegalStateException(kind + " entities are already being written");
        }
        EntityOrder order = new EntityOrder(kind);
        orders.put(kind, order);
        return open(kind.entryName(), document -> {
            order.accept(document);
            if (kind == EntityKind.TASK) {
                recordTask(String.valueOf(document.get("_id")));
            }
            return ExtendedJson.write(document).getBytes(StandardCharsets.US_ASCII);
        });
    }

    /** Opens one task's events file; a task whose writer is closed without events gets {@code [\n]}. */
    public synchronized EntryWriter<ObjectNode> events(String taskId) {
        return open(EntityKind.eventsEntryName(taskId), this::eventBytes);
    }

    /** Writes {@code users.json} (§3.7): auth and backend user documents, in the given order. */
    public void users(List<Document> auth, List<Document> backend) {
        String name = EntityKind.USERS_ENTRY;
        reserve(name);
        try (PartOutput out = newPart(name)) {
            out.write("{\n\"auth\": ".getBytes(StandardCharsets.US_ASCII));
            long count = writeArray(out, auth);
            out.write(",\n\"backend\": ".getBytes(StandardCharsets.US_ASCII));
            count += writeArray(out, backend);
            out.write("\n}".getBytes(StandardCharsets.US_ASCII));
            PartFile part = out.finish(count);
            partDone(part);
        } catch (IOException e) {
            throw writeFailure(name, e);
        }
    }

    /**
     * Assembles the archive and renames it to its final name.
     *
     * @param metadata given the summaries of all other entries in zip order, returns the {@code metadata.json}
     *                 object, or null for an archive without metadata
     */
    public synchronized ArchiveSummary finish(Function<List<EntrySummary>, @Nullable ObjectNode> metadata) {
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        List<PartFile> ordered = orderedParts();
        byte[] metadataBytes = metadataBytes(metadata.apply(ordered.stream().map(PartFile::summary).toList()));
        ArchiveAssembly assembly = new ArchiveAssembly(ArchiveNaming.targetDirectory(requested), compression);
        zipTemp = assembly.temp();
        List<EntrySummary> entries = assembly.write(metadataBytes, ordered);
        String md5 = ClearmlMd5.of(metadataBytes, ordered);
        Path target = ArchiveNaming.archive(requested, md5);
        assembly.moveTo(target);
        finished = true;
        return new ArchiveSummary(target, md5, ClearmlMd5.metadataHash(metadataBytes), entries);
    }

    /** Deletes every temporary file; after an unfinished write, nothing of the archive remains. */
    @Override
    public synchronized void close() {
        closeUnfinished();
        compressor.close();
        try {
            spills.close();
            if (zipTemp != null) {
                Files.deleteIfExists(zipTemp);
            }
            TempFiles.deleteTree(partsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting temporary files in " + partsDir, e);
        }
    }

    private <T> EntryWriter<T> open(String name, EntryWriter.Encoder<T> encoder) {
        reserve(name);
        try {
            return new EntryWriter<>(name, newPart(name), encoder, this::partDone, this::partDiscarded);
        } catch (IOException e) {
            throw writeFailure(name, e);
        }
    }

    private synchronized void reserve(String name) {
        if (finished) {
            throw new IllegalStateException("archive already finished");
        }
        if (parts.containsKey(name)) {
            throw new IllegalStateException(name + " is already written or being written");
        }
        parts.put(name, null);
    }

    private synchronized PartOutput newPart(String name) throws IOException {
        PartOutput out = new PartOutput(name, spills, compressor, compression);
        unfinished.put(name, out);
        return out;
    }

    private synchronized void partDone(PartFile part) {
        parts.put(part.summary().name(), part);
        unfinished.remove(part.summary().name());
    }

    private synchronized void partDiscarded(String name) {
        parts.remove(name);
        unfinished.remove(name);
    }

    // An entry writer abandoned by a failing caller still holds a file and a native Deflater.
    private void closeUnfinished() {
        for (PartOutput out : unfinished.values()) {
            try {
                out.close();
            } catch (IOException e) {
                // The part is deleted next; failing to close it changes nothing.
            }
        }
        unfinished.clear();
    }

    private synchronized void recordTask(String taskId) {
        taskOrder.putIfAbsent(taskId, taskOrder.size());
    }

    private long writeArray(PartOutput out, List<Document> documents) throws IOException {
        JsonLinesWriter lines = new JsonLinesWriter(out);
        for (Document document : documents) {
            lines.write(ExtendedJson.write(document).getBytes(StandardCharsets.US_ASCII));
        }
        lines.end();
        return lines.count();
    }

    private byte[] eventBytes(ObjectNode event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private byte @Nullable [] metadataBytes(@Nullable ObjectNode metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            return json.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<PartFile> orderedParts() {
        List<PartFile> done = new ArrayList<>();
        Map<String, Integer> openOrder = new HashMap<>();
        parts.forEach((name, part) -> {
            if (part == null) {
                throw new IllegalStateException(name + " was opened but never closed");
            }
            openOrder.put(name, openOrder.size());
            done.add(part);
        });
        done.sort(Comparator.comparingInt((PartFile p) -> rank(p.summary().name()))
                .thenComparingInt(p -> taskRank(p.summary().name()))
                .thenComparingInt(p -> openOrder.get(p.summary().name())));
        return done;
    }

    // users.json, Model, Project, events, Task (§3.3); metadata.json is added ahead by the assembly.
    private static int rank(String name) {
        if (name.equals(EntityKind.USERS_ENTRY)) {
            return 0;
        }
        return EntityKind.ofEntryName(name).map(kind -> kind == EntityKind.TASK ? 4 : 1 + kind.ordinal())
                .orElse(3);
    }

    private int taskRank(String name) {
        return EntityKind.taskIdOfEventsEntry(name).map(id -> taskOrder.getOrDefault(id, Integer.MAX_VALUE))
                .orElse(0);
    }

    private ArchiveException writeFailure(String name, IOException e) {
        return new ArchiveException("Cannot write archive entry " + name + " under " + partsDir + " ("
                + e.getMessage() + "); check free disk space", e);
    }
}
