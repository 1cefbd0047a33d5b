package clearml.migrate.events;

import clearml.migrate.failures.StoreRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code _reindex} from a remote cluster (or within the cluster), run by the cluster this client talks to (the
 * destination), and what that cluster allows: the remote must be named in its nodes' static {@code reindex.remote.allowlist} (Elasticsearch
 * and OpenSearch before 2.0: {@code reindex.remote.whitelist}), and a script needs painless. Engines refuse
 * {@code slices} on a remote reindex, so callers slice by running several jobs at once.
 */
public final class RemoteReindex {

    private static final long FIRST_POLL_MILLIS = 100;
    private static final long MAX_POLL_MILLIS = 1_000;

    private final ElasticClient destination;

    public RemoteReindex(ElasticClient destination) {
        this.destination = destination;
    }

    /** Each node's allow-list patterns ({@code host:port}, {@code *} wildcards); a node without one has none. */
    public List<List<String>> allowlists() {
        JsonNode nodes = destination.get("/_nodes/settings?filter_path=nodes.*.settings.reindex").path("nodes");
        List<List<String>> lists = new ArrayList<>();
        if (nodes.isEmpty()) {
            lists.add(List.of()); // filter_path drops nodes without the setting: at least one such node exists
        }
        nodes.forEach(node -> lists.add(patterns(node.path("settings").path("reindex").path("remote"))));
        return lists;
    }

    private static List<String> patterns(JsonNode remote) {
        JsonNode list = remote.has("allowlist") ? remote.get("allowlist") : remote.path("whitelist");
        List<String> patterns = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(pattern -> patterns.add(pattern.asText().strip()));
        } else if (list.isTextual()) {
            for (String pattern : list.asText().split(",")) {
                patterns.add(pattern.strip());
            }
        }
        return patterns;
    }

    /** Whether one of the allow-list patterns matches {@code host:port}. */
    public static boolean matchesAny(List<String> patterns, String hostAndPort) {
        return patterns.stream().anyMatch(pattern -> glob(pattern).matcher(hostAndPort).matches());
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            regex.append(regex.isEmpty() && part.isEmpty() ? "" : Pattern.quote(part)).append(".*");
        }
        return Pattern.compile(regex.substring(0, regex.length() - 2), Pattern.CASE_INSENSITIVE);
    }

    /** Whether the engine runs painless scripts ({@code GET _script_language}, Elasticsearch 7.6+, OpenSearch). */
    public boolean runsPainless() {
        ElasticResponse response = destination.send(ElasticRequest.json("GET", "/_script_language", null));
        if (!response.isSuccess()) {
            return false;
        }
        for (JsonNode language : response.body().path("language_contexts")) {
            if (language.path("language").asText().equals("painless")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs one job as a task of the destination and waits for it to end.
     *
     * @throws StoreRequestException when the engine refuses the job or the task ends in an error
     */
    public ReindexOutcome run(ReindexJob job) {
        ElasticRequest start = new ElasticRequest("POST", "/_reindex?wait_for_completion=false",
                ElasticJson.bytes(job.body()), ElasticRequest.JSON, false); // twice would start two tasks
        String task = destination.require(start).path("task").asText();
        return await(job, task);
    }

    private ReindexOutcome await(ReindexJob job, String task) {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            JsonNode status = destination.get("/_tasks/" + task);
            if (status.path("completed").asBoolean()) {
                return outcome(job, status);
            }
            sleep(pause);
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }

    private ReindexOutcome outcome(ReindexJob job, JsonNode status) {
        if (status.has("error")) {
            throw new StoreRequestException("Elasticsearch at " + destination.currentHost() + " could not reindex "
                    + job.sourceIndex() + " from " + (job.remote() == null ? "itself" : job.remote().host()) + ": " + ElasticResponse.reasonOf(status)
                    + " — check that the target reaches the source, or give --events-via stream");
        }
        JsonNode response = status.path("response");
        List<String> failures = new ArrayList<>();
        for (JsonNode failure : response.path("failures")) {
            if (failures.size() < 5) {
                JsonNode cause = failure.path("cause");
                failures.add(failure.path("id").asText() + ": " + cause.path("type").asText("error") + ": "
                        + cause.path("reason").asText(""));
            }
        }
        return new ReindexOutcome(response.path("total").asLong(), response.path("created").asLong(),
                response.path("updated").asLong(), failures);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while waiting for a reindex"));
        }
    }
}
