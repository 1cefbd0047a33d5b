package clearml.migrate.bench;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine's {@code _bulk} ceiling with minimal client work (issue #14): every archived event, unchanged, with the
 * id the import gives it, in {@code _bulk} bodies of the import's request size built into files before the clock
 * starts; {@link #send} then only reads each file and posts it, with ClearML's mapping on the indices, as the import
 * has them, and one refresh at the end, as the import does.
 */
final class BulkCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final List<Path> bodies;
    private final long events;

    private BulkCeiling(Path directory, List<Path> bodies, long events) {
        this.directory = directory;
        this.bodies = bodies;
        this.events = events;
    }

    /** Writes the bodies of every event of {@code archive}, for {@code company}'s indices, in bodies of about {@code maxBytes}. */
    static BulkCeiling build(Path archive, String company, long maxBytes) throws IOException {
        Path directory = Files.createTempDirectory("bench-bulk");
        List<Path> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long count = 0;
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            for (String taskId : reader.eventTaskIds()) {
                try (CloseableIterator<ObjectNode> events = reader.events(taskId)) {
                    for (long position = 0; events.hasNext(); position++) {
                        ObjectNode event = events.next();
                        byte[] action = action(event, company, idOf(taskId, position, event));
                        count++;
                        if (body.size() > 0 && body.size() + action.length > maxBytes) {
                            bodies.add(write(directory, bodies.size(), body));
                        }
                        body.writeBytes(action);
                    }
                }
            }
        }
        if (body.size() > 0) {
            bodies.add(write(directory, bodies.size(), body));
        }
        return new BulkCeiling(directory, bodies, count);
    }

    long events() {
        return events;
    }

    /** Indexes the pre-built bodies with {@code concurrency} requests in flight; returns the seconds it took. */
    double send(EventStore store, String company, int concurrency) throws Exception {
        for (EventType type : EventType.values()) {
            store.prepareIndex(type, company);
        }
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>();
            for (Path body : bodies) {
                sent.add(senders.submit(() -> post(store.client(), body)));
            }
            for (Future<?> request : sent) {
                request.get();
            }
            store.refresh(EventIndexNames.allTypes(company));
            return (System.nanoTime() - start) / 1e9;
        } finally {
            senders.shutdown();
            store.client().delete("/" + EventIndexNames.allTypes(company));
        }
    }

    /** Removes the bodies' files. */
    void delete() throws IOException {
        for (Path body : bodies) {
            Files.delete(body);
        }
        Files.delete(directory);
    }

    private static Void post(ElasticClient client, Path body) throws IOException {
        JsonNode answer = client.postNdjson("/_bulk?filter_path=errors", Files.readAllBytes(body));
        if (answer.path("errors").asBoolean(true)) {
            throw new IllegalStateException("the engine refused events of " + body + " — the ceiling is void");
        }
        return null;
    }

    /**
     * The id the import gives the event: ClearML's md5 of a metric event's id fields, the deterministic log id. The
     * engine looks every id up before it writes, and spread hex ids cost it more than ids sharing their task's
     * prefix; a ceiling with cheaper ids than the import must write is not the engine's speed on the same work.
     */
    private static String idOf(String taskId, long position, ObjectNode event) {
        return event.path("type").asText().equals(EventType.LOG.value()) ? EventIds.logEventId(taskId, position, event)
                : EventIds.metricEventId(event);
    }

    private static byte[] action(ObjectNode event, String company, String id) throws IOException {
        EventType type = EventType.fromValue(event.path("type").asText());
        ObjectNode header = JSON.createObjectNode();
        header.putObject("index").put("_index", EventIndexNames.index(type, company)).put("_id", id);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        lines.writeBytes(JSON.writeValueAsBytes(header));
        lines.write('\n');
        lines.writeBytes(JSON.writeValueAsBytes(event));
        lines.write('\n');
        return lines.toByteArray();
    }

    private static Path write(Path directory, int number, ByteArrayOutputStream body) {
        Path file = directory.resolve("body-" + number + ".ndjson");
        try {
            Files.write(file, body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.reset();
        return file;
    }
}
