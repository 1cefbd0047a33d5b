package clearml.sandbox.api;

import clearml.sandbox.ElasticHttp;
import clearml.sandbox.Sandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The events a direct reader of the search engine finds for one task, with their document ids. */
final class StoredEvents {

    private StoredEvents() {
    }

    record Hit(String index, String id, JsonNode source) {
    }

    static List<Hit> of(Sandbox sandbox, String taskId) {
        ElasticHttp http = new ElasticHttp(sandbox.elasticUri());
        JsonNode hits = http.post("/events-*/_search?ignore_unavailable=true&allow_no_indices=true",
                "{\"size\": 10000, \"query\": {\"term\": {\"task\": \"" + taskId + "\"}}, \"sort\": [\"timestamp\"]}")
                .path("hits").path("hits");
        List<Hit> found = new ArrayList<>();
        hits.forEach(hit -> found.add(new Hit(hit.path("_index").asText(), hit.path("_id").asText(),
                hit.path("_source"))));
        return found;
    }
}
