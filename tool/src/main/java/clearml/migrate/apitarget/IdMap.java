package clearml.migrate.apitarget;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Archived id to the id a server gave the entity an import created there, per kind; kept beside the archive as
 * {@code <archive>.ids.jsonl}: a header naming the server and company, then one line per created entity, appended and
 * forced to disk as soon as the server answered its create, and one when the entity was finished ({@code done}). A rerun finds the entities the first run created and
 * updates them instead of creating them again; {@code undo --api-host} deletes them. Files the import is about to
 * place on a file server are recorded the same way, before the placement, with whether a file was there already. A line cut by a crash is
 * dropped; only the window between the server's answer and that line's write can leave an entity the map does not
 * know (the API has no way to choose the id up front).
 */
public final class IdMap implements Closeable {

    /** The name an id map ends with. */
    public static final String SUFFIX = ".ids.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String server;
    private final String company;
    private final Map<EntityKind, Map<String, String>> ids = new EnumMap<>(EntityKind.class);
    private final java.util.Set<String> done = new java.util.HashSet<>();
    private final java.util.Set<String> merged = new java.util.HashSet<>();
    private final Map<String, PlacedFile> files = new LinkedHashMap<>();
    private @Nullable FileChannel channel;

    /** A file an import placed: the file server ({@code FileStore.location()}), its path, and whether it replaced one. */
    public record PlacedFile(String location, String path, boolean replaced) {
    }

    private IdMap(Path file, String server, String company) {
        this.file = file;
        this.server = server;
        this.company = company;
        for (EntityKind kind : EntityKind.values()) {
            ids.put(kind, new LinkedHashMap<>());
        }
    }

    /** The map file of an archive. */
    public static Path besideArchive(Path archive) {
        return archive.resolveSibling(archive.getFileName() + SUFFIX);
    }

    /**
     * The map in {@code file}, or an empty one when there is none.
     *
     * @throws UsageException when the file maps the archive into another server or company
     */
    public static IdMap open(Path file, String server, String company) {
        IdMap map = new IdMap(file, server, company);
        if (Files.isRegularFile(file)) {
            map.read();
        }
        return map;
    }

    /** The server's id of the archived entity, or null when no import created it. */
    public @Nullable String target(EntityKind kind, String archivedId) {
        return ids.get(kind).get(archivedId);
    }

    /** The server's id of the archived entity, else {@code archivedId} itself (a reference kept as it is). */
    public String targetOr(EntityKind kind, String archivedId) {
        String target = target(kind, archivedId);
        return target == null ? archivedId : target;
    }

    /** Archived id to server id of every {@code kind} entity created, in creation order; not those merged into. */
    public Map<String, String> created(EntityKind kind) {
        Map<String, String> created = new LinkedHashMap<>(ids.get(kind));
        created.keySet().removeIf(archived -> merged.contains(kind + archived));
        return java.util.Collections.unmodifiableMap(created);
    }

    /**
     * Records that the archived entity was merged into the server's {@code targetId}, which the import did not
     * create (a project of the same name the server refused to create twice): mapped, never deleted by undo.
     */
    public void putMerged(EntityKind kind, String archivedId, String targetId) {
        ids.get(kind).put(archivedId, targetId);
        merged.add(kind + archivedId);
        append(JSON.createObjectNode().put("kind", kind.name()).put("archived", archivedId).put("target", targetId)
                .put("merged", true));
    }

    /** Every created entity of {@code kind}, newest first: the order undo deletes them in. */
    public List<String> createdNewestFirst(EntityKind kind) {
        List<String> targets = new ArrayList<>(ids.get(kind).values());
        java.util.Collections.reverse(targets);
        return targets;
    }

    /** Records that the server created {@code targetId} for {@code archivedId}; on disk before this returns. */
    public void put(EntityKind kind, String archivedId, String targetId) {
        ids.get(kind).put(archivedId, targetId);
        done.remove(kind + archivedId);
        ObjectNode line = JSON.createObjectNode().put("kind", kind.name()).put("archived", archivedId)
                .put("target", targetId);
        append(line);
    }

    /**
     * Records that the entity is finished: its events sent and its final state reached. A rerun leaves it
     * alone; one not finished (the run was cut) is written again.
     */
    public void markDone(EntityKind kind, String archivedId) {
        if (done.add(kind + archivedId)) {
            append(JSON.createObjectNode().put("kind", kind.name()).put("archived", archivedId).put("done", true));
        }
    }

    /**
     * Withdraws the record that the entity is finished, so that the next write takes it back and writes it afresh
     * (a {@code sync} pass brings a changed entity whole); nothing for an entity not finished.
     */
    public void reopen(EntityKind kind, String archivedId) {
        if (done.remove(kind + archivedId)) {
            append(JSON.createObjectNode().put("kind", kind.name()).put("archived", archivedId).put("done", false));
        }
    }

    /** Whether the archived entity was merged into a namesake the import did not create. */
    public boolean isMerged(EntityKind kind, String archivedId) {
        return merged.contains(kind + archivedId);
    }

    /** Whether a run finished the entity. */
    public boolean isDone(EntityKind kind, String archivedId) {
        return done.contains(kind + archivedId);
    }

    /** Records that undo deleted the entity, or that a rerun deletes it to create it afresh. */
    public void forget(EntityKind kind, String archivedId) {
        done.remove(kind + archivedId);
        if (ids.get(kind).remove(archivedId) != null) {
            append(JSON.createObjectNode().put("kind", kind.name()).put("archived", archivedId).putNull("target"));
        }
    }

    /**
     * Records, before it is placed, that the import writes {@code path} on the file server at {@code location};
     * {@code replaced} when a file (with other bytes) is there already. A path a former run recorded keeps that
     * record: it knows what was there before the first run.
     */
    public void filePlaced(String location, String path, boolean replaced) {
        if (files.putIfAbsent(fileKey(location, path), new PlacedFile(location, path, replaced)) == null) {
            append(JSON.createObjectNode().put("file", path).put("at", location).put("replaced", replaced));
        }
    }

    /** The files recorded as placed, in the order they were recorded. */
    public List<PlacedFile> placedFiles() {
        return List.copyOf(files.values());
    }

    /** Records that undo deleted the file (or found it gone). */
    public void forgetFile(PlacedFile file) {
        if (files.remove(fileKey(file.location(), file.path())) != null) {
            append(JSON.createObjectNode().put("file", file.path()).put("at", file.location()).put("gone", true));
        }
    }

    private static String fileKey(String location, String path) {
        return location + "\u0000" + path;
    }

    /** The file this map is kept in. */
    public Path file() {
        return file;
    }

    private void append(ObjectNode line) {
        try {
            FileChannel out = channel();
            out.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the id map " + file, e);
        }
    }

    private FileChannel channel() throws IOException {
        FileChannel open = channel;
        if (open == null) {
            boolean fresh = !Files.exists(file);
            open = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            channel = open;
            if (fresh) {
                open.write(ByteBuffer.wrap((JSON.createObjectNode().put("server", server).put("company", company)
                        + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        }
        return open;
    }

    /**
     * Whether {@code file} names no entity: none created yet, or every one undone (read without asking whose map it
     * is: a {@code sync} through the API asks it of its own map before it knows the server's company).
     */
    public static boolean namesNone(Path file) {
        if (!Files.isRegularFile(file)) {
            return true;
        }
        IdMap map = new IdMap(file, "", "");
        map.entries(map.lines());
        return map.ids.values().stream().allMatch(Map::isEmpty);
    }

    private void read() {
        List<String> lines = lines();
        if (!lines.isEmpty()) {
            checkHeader(parse(lines.get(0)));
        }
        entries(lines);
    }

    private List<String> lines() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the id map " + file, e);
        }
        return lines;
    }

    private void entries(List<String> lines) {
        lines.stream().skip(1).map(IdMap::parse).filter(line -> line != null && line.has("kind"))
                .forEach(this::apply);
        lines.stream().skip(1).map(IdMap::parse).filter(line -> line != null && line.has("file"))
                .forEach(this::applyFile);
    }

    private void applyFile(JsonNode line) {
        String key = fileKey(line.path("at").asText(), line.path("file").asText());
        if (line.path("gone").asBoolean(false)) {
            files.remove(key);
        } else {
            files.putIfAbsent(key, new PlacedFile(line.path("at").asText(), line.path("file").asText(),
                    line.path("replaced").asBoolean(false)));
        }
    }

    private void checkHeader(@Nullable JsonNode header) {
        if (header == null || !server.equals(header.path("server").asText())
                || !company.equals(header.path("company").asText())) {
            throw new UsageException("id map of another server or company: " + file + " belongs to an import into "
                    + (header == null ? "an unknown server" : header.path("server").asText() + " (company "
                    + header.path("company").asText() + ")") + ", not " + server + " (company " + company
                    + "): move it away to import this archive into another server");
        }
    }

    private void apply(JsonNode line) {
        Map<String, String> kind = ids.get(EntityKind.valueOf(line.path("kind").asText()));
        String key = line.path("kind").asText() + line.path("archived").asText();
        if (line.path("done").asBoolean(false)) {
            done.add(key);
        } else if (line.has("done")) {
            done.remove(key);
        } else if (line.path("target").isNull()) {
            done.remove(key);
            kind.remove(line.path("archived").asText());
        } else {
            done.remove(key);
            kind.put(line.path("archived").asText(), line.path("target").asText());
            if (line.path("merged").asBoolean(false)) {
                merged.add(key);
            }
        }
    }

    /** A complete line, or null for one a crash cut. */
    private static @Nullable JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        FileChannel open = channel;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the id map " + file, e);
            }
        }
    }
}
