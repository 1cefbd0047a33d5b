package clearml.migrate.relinking;

import clearml.migrate.testing.PlotData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.Inflater;
import org.bson.Document;

/**
 * Finds, independently of the tool, how often a prefix occurs in every URL place of a server's stores (data model
 * §7.4): whole-URL places count when they start with it, text places count each occurrence, compressed plots are
 * decoded here with {@code Base64} MIME and {@code Inflater} (§2.5). Each find names the collection or index, the
 * place in the report's naming, and the company whose data it is ({@code company or company_origin}, §1.2).
 */
public final class StoredLinks {

    /** How often the prefix occurs in one place of one collection or index for one company. */
    public record Found(String source, String place, String company, long count) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mongoUri;
    private final URI elastic;

    public StoredLinks(String mongoUri, URI elastic) {
        this.mongoUri = mongoUri;
        this.elastic = elastic;
    }

    /** Every non-zero find of {@code prefix}. */
    public List<Found> find(String prefix) {
        List<Found> found = new ArrayList<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase backend = client.getDatabase("backend");
            for (String collection : List.of("project", "task", "task__trash", "model")) {
                for (Document document : backend.getCollection(collection).find()) {
                    entity(collection, document, prefix, found);
                }
            }
        }
        for (JsonNode hit : linkedEvents()) {
            event(hit, prefix, found);
        }
        found.removeIf(f -> f.count() == 0);
        return found;
    }

    /** The total per {@code "<source> <place>"}, for comparison with a report. */
    public Map<String, Long> totals(String prefix, Predicate<Found> which) {
        Map<String, Long> totals = new TreeMap<>();
        find(prefix).stream().filter(which).forEach(f -> totals.merge(f.source() + " " + f.place(), f.count(), Long::sum));
        return totals;
    }

    /** Every document of the four collections and every event, as text: to compare whole stores. */
    Map<String, String> snapshot() {
        Map<String, String> all = new TreeMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (String collection : List.of("project", "task", "task__trash", "model")) {
                client.getDatabase("backend").getCollection(collection).find()
                        .forEach(d -> all.put(collection + "/" + d.get("_id"), d.toJson()));
            }
        }
        search("events-*").forEach(hit -> all.put(hit.path("_index").asText() + "/" + hit.path("_id").asText(),
                hit.path("_source").toString()));
        return all;
    }

    private static void entity(String collection, Document document, String prefix, List<Found> found) {
        String source = "backend." + collection;
        String company = document.getString("company").isEmpty() ? document.get("company_origin", "")
                : document.getString("company");
        switch (collection) {
            case "project" -> {
                found.add(new Found(source, "project.description", company, occurrences(document.get("description"), prefix)));
                found.add(new Found(source, "project.default_output_destination", company,
                        starts(document.get("default_output_destination"), prefix)));
                found.add(new Found(source, "project.logo_url", company, starts(document.get("logo_url"), prefix)));
            }
            case "model" -> found.add(new Found(source, "model.uri", company, starts(document.get("uri"), prefix)));
            default -> task(source, document, company, prefix, found);
        }
    }

    private static void task(String source, Document task, String company, String prefix, List<Found> found) {
        Object artifacts = task.get("execution", Document.class).get("artifacts");
        Iterable<?> entries = artifacts instanceof Document map ? map.values() : (List<?>) artifacts;
        for (Object artifact : entries) {
            found.add(new Found(source, "task.execution.artifacts.*.uri", company,
                    starts(((Document) artifact).get("uri"), prefix)));
        }
        Document output = task.get("output", Document.class);
        found.add(new Found(source, "task.output.destination", company,
                starts(output == null ? null : output.get("destination"), prefix)));
        found.add(new Found(source, "task.report", company, occurrences(task.get("report"), prefix)));
        for (Object asset : task.getList("report_assets", Object.class, List.of())) {
            found.add(new Found(source, "task.report_assets[]", company, starts(asset, prefix)));
        }
    }

    private static void event(JsonNode hit, String prefix, List<Found> found) {
        String index = hit.path("_index").asText();
        String company = index.substring(index.lastIndexOf('-') + 1);
        JsonNode event = hit.path("_source");
        if (event.path("type").asText().equals("training_debug_image")) {
            found.add(new Found(index, "event.training_debug_image.url", company, starts(event.path("url").textValue(), prefix)));
            return;
        }
        found.add(new Found(index, "event.plot.plot_str", company, occurrences(event.path("plot_str").textValue(), prefix)));
        if (event.path("plot_data").isTextual()) {
            found.add(new Found(index, "event.plot.plot_data", company,
                    occurrences(PlotData.inflate(event.path("plot_data").asText()), prefix)));
        }
        event.path("source_urls").forEach(url ->
                found.add(new Found(index, "event.plot.source_urls[]", company, starts(url.textValue(), prefix))));
    }

    private List<JsonNode> linkedEvents() {
        return search("events-training_debug_image-*,events-plot-*");
    }

    private List<JsonNode> search(String indices) {
        send("POST", "/" + indices + "/_refresh?ignore_unavailable=true&allow_no_indices=true", "");
        JsonNode answer = send("POST", "/" + indices + "/_search?size=10000&ignore_unavailable=true&allow_no_indices=true",
                "{\"query\":{\"match_all\":{}}}");
        List<JsonNode> hits = new ArrayList<>();
        answer.path("hits").path("hits").forEach(hits::add);
        if (answer.path("hits").path("total").path("value").asLong() >= 10_000) {
            throw new IllegalStateException("the test seed is larger than one search page");
        }
        return hits;
    }

    private JsonNode send(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(elastic.resolve(path)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long starts(Object value, String prefix) {
        return value instanceof String text && text.startsWith(prefix) ? 1 : 0;
    }

    private static long occurrences(Object value, String prefix) {
        if (!(value instanceof String text)) {
            return 0;
        }
        long count = 0;
        for (int at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + prefix.length())) {
            count++;
        }
        return count;
    }

}
