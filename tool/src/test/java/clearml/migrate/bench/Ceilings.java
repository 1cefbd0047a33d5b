package clearml.migrate.bench;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engines' own speed on the events of one archive, with as little client work as possible, for
 * {@code bench/scale.sh} (not a test):
 * <pre>
 *   scroll READY_FILE ARCHIVE_DIR   one {@code _doc} scroll of the archived tasks' events in the source, 5000 a
 *                                   page; bodies are read as bytes, never parsed (the scroll id and the total are
 *                                   cut out of the first bytes)
 *   bulk   READY_FILE ARCHIVE_DIR [IN_FLIGHT]
 *                                   the archive's events as {@code _bulk} bodies of 5 MiB, built before the clock
 *                                   starts ({@link BulkCeiling}), sent into the target (company bench-raw) one after
 *                                   the other, or IN_FLIGHT at once, then deleted again
 * </pre>
 * Each prints one line {@code ceiling-<mode> EVENTS SECONDS} for the script to read.
 */
public final class Ceilings {

    private static final Pattern SCROLL_ID = Pattern.compile("\"_scroll_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*(\\d+)");
    private static final int BULK_BYTES = 5 << 20;
    private static final String RAW_COMPANY = "bench-raw";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Ceilings() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode ready = new ObjectMapper().readTree(Path.of(args[1]).toFile());
        Path archive = archiveIn(Path.of(args[2]));
        Ceilings ceilings = new Ceilings();
        if (args[0].equals("scroll")) {
            ceilings.scroll(URI.create(ready.path("source").path("elastic").asText()), archive);
        } else {
            bulk(URI.create(ready.path("target").path("elastic").asText()), archive,
                    args.length > 3 ? Integer.parseInt(args[3]) : 1);
        }
    }

    private void scroll(URI engine, Path archive) throws IOException {
        List<String> ids;
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            ids = reader.eventTaskIds();
        }
        String terms = new ObjectMapper().writeValueAsString(ids);
        long start = System.nanoTime();
        String page = head(post(engine.resolve("/events-*/_search?scroll=5m&size=5000"),
                "{\"sort\":[\"_doc\"],\"track_total_hits\":true,\"query\":{\"terms\":{\"task\":" + terms + "}}}"));
        long total = Long.parseLong(find(TOTAL, page));
        String scrollId = find(SCROLL_ID, page);
        for (long seen = 5000; seen < total; seen += 5000) {
            scrollId = find(SCROLL_ID, head(post(engine.resolve("/_search/scroll"),
                    "{\"scroll\":\"5m\",\"scroll_id\":\"" + scrollId + "\"}")));
        }
        System.out.printf("ceiling-scroll %d %.3f%n", total, (System.nanoTime() - start) / 1e9);
    }

    private static void bulk(URI engine, Path archive, int inFlight) throws Exception {
        try (ElasticClient client = new ElasticClient(new ElasticSettings(List.of(engine), null, null))) {
            BulkCeiling ceiling = BulkCeiling.build(archive, RAW_COMPANY, BULK_BYTES);
            try {
                System.out.printf("ceiling-bulk %d %.3f%n", ceiling.events(),
                        ceiling.send(new EventStore(client), RAW_COMPANY, inFlight));
            } finally {
                ceiling.delete();
            }
        }
    }

    private byte[] post(URI uri, String body) throws IOException {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.statusCode() != 200) {
            throw new IOException(uri + " answered " + answer.statusCode() + ": " + head(answer.body()));
        }
        return answer.body();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The first bytes of an answer, where both engines put the scroll id and the total. */
    private static String head(byte[] body) {
        return new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
    }

    private static String find(Pattern pattern, String text) throws IOException {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IOException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }

    private static Path archiveIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no archive in " + dir));
        }
    }
}
