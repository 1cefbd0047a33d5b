package clearml.migrate.events;

import clearml.migrate.failures.NotAClearmlStoreException;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * ClearML's events in one Elasticsearch or OpenSearch cluster: what is there, reading a set of tasks' events,
 * writing and deleting them. Works the same on Elasticsearch 7/8 and OpenSearch 2 (scroll and
 * {@code _delete_by_query} behave alike on both; test-infra.md §2c).
 */
public final class EventStore {

    /** Ignore named indices that do not exist and patterns that match none: a company may have no events. */
    static final String LENIENT = "ignore_unavailable=true&allow_no_indices=true";

    /** Pages of the digest scrolls: 5000 events of a few hundred bytes, or 50 plots of up to about 80 KiB. */
    private static final ScrollOptions DIGEST_PAGES = ScrollOptions.defaults().withPrefetch(true);
    private static final int PLOTS_PER_DIGEST_PAGE = 50;

    private final ElasticClient client;
    /** Asks for scroll pages ahead ({@link ScrollOptions#prefetch()}); its threads end when idle. */
    private final ExecutorService prefetcher = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scroll-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    public EventStore(ElasticClient client) {
        this.client = client;
    }

    public ElasticClient client() {
        return client;
    }

    /**
     * A fresh backoff bounded by the user's {@code --retry-for}, for a read that starts over when the engine went
     * away mid-way (a scroll cannot be resumed).
     */
    public Backoff backoff() {
        return client.backoff();
    }

    /**
     * What the engine says about itself; OpenSearch names its {@code distribution}, Elasticsearch does not (and
     * since 7.14 sends {@code X-Elastic-Product} instead).
     *
     * @throws NotAClearmlStoreException when the address answers but is no search engine (say, the ClearML API
     *     server's port)
     */
    public EngineInfo info() {
        JsonNode body = client.get("/");
        JsonNode version = body.path("version");
        if (!version.path("number").isTextual()) {
            throw new NotAClearmlStoreException("The server at " + client.currentHost() + " is not Elasticsearch or"
                    + " OpenSearch: GET / gives no version number — check --elastic-host");
        }
        String distribution = version.path("distribution").asText(EngineInfo.ELASTICSEARCH);
        return new EngineInfo(distribution, version.path("number").asText(), body.path("cluster_name").asText(""));
    }

    /**
     * The ClearML event indices, sorted by name; other indices matching {@code events-*} are left out. The document
     * counts are those of the last refresh (the engines refresh each second by default; call {@link #refresh} first
     * to count writes made just before).
     */
    public List<EventIndex> eventIndices() {
        JsonNode rows = client.get("/_cat/indices/" + EventIndexNames.ALL + "?format=json&h=index,docs.count&" + LENIENT);
        List<EventIndex> indices = new ArrayList<>();
        for (JsonNode row : rows) {
            String name = row.path("index").asText();
            EventIndexNames.parse(name).ifPresent(parsed ->
                    indices.add(new EventIndex(name, parsed.type(), parsed.company(), row.path("docs.count").asLong(0))));
        }
        indices.sort(Comparator.comparing(EventIndex::name));
        return indices;
    }

    /**
     * Whether the cluster holds ClearML's event index templates: the composable {@code events_*} ones of
     * ClearML ≥1.15 or the legacy {@code events*} ones before (clearml-data-model.md §2.2). A cluster with neither
     * templates nor {@link #eventIndices()} is not a ClearML store; deciding that is the caller's.
     */
    public boolean hasClearmlTemplates() {
        return hasTemplates("/_index_template/events*", "index_templates") || hasTemplates("/_template/events*", null);
    }

    private boolean hasTemplates(String path, String listField) {
        ElasticRequest request = ElasticRequest.json("GET", path, null);
        ElasticResponse response = client.send(request);
        if (response.status() == 404 || response.status() == 405) {
            return false; // no match, or an engine without composable templates (ES < 7.8)
        }
        if (!response.isSuccess()) {
            throw client.rejected(request, response);
        }
        JsonNode templates = listField == null ? response.body() : response.body().path(listField);
        return templates.size() > 0;
    }

    /** How many events of the given tasks an index pattern holds (as of the last refresh). */
    public long count(String indexPattern, Collection<String> taskIds) {
        return countIn(indexPattern, EventQuery.ofTasks("", taskIds).toJson()); // the company names no index here
    }

    /** How many events a query matches (as of the last refresh). */
    public long count(EventQuery query) {
        return countIn(query.target(), query.toJson());
    }

    private long countIn(String target, ObjectNode query) {
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        body.set("query", query);
        return client.post("/" + target + "/_count?" + LENIENT, body).path("count").asLong();
    }

    /**
     * How many events each of these tasks (or models) holds per type in one company's indices, from one
     * aggregation (as of the last refresh); a task without events is left out.
     */
    public Map<String, Map<EventType, Long>> countByTask(String company, Collection<String> taskIds) {
        Map<String, Map<EventType, Long>> counts = new HashMap<>();
        if (taskIds.isEmpty()) {
            return counts;
        }
        ObjectNode body = ElasticJson.MAPPER.createObjectNode().put("size", 0);
        body.set("query", EventQuery.ofTasks(company, taskIds).toJson());
        ObjectNode tasks = body.putObject("aggs").putObject("tasks");
        // every bucket comes back, so each shard's counts are exact
        tasks.putObject("terms").put("field", "task").put("size", taskIds.size()).put("shard_size", taskIds.size());
        tasks.putObject("aggs").putObject("indices").putObject("terms").put("field", "_index")
                .put("size", EventType.values().length * 4);
        JsonNode result = client.post("/" + EventIndexNames.allTypes(company) + "/_search?" + LENIENT, body);
        for (JsonNode task : result.path("aggregations").path("tasks").path("buckets")) {
            Map<EventType, Long> byType = counts.computeIfAbsent(task.path("key").asText(), t -> new EnumMap<>(EventType.class));
            for (JsonNode index : task.path("indices").path("buckets")) {
                EventIndexNames.parse(index.path("key").asText()).ifPresent(name ->
                        byType.merge(name.type(), index.path("doc_count").asLong(), Long::sum));
            }
        }
        return counts;
    }

    /**
     * The {@link EventDigest} of each of these tasks' (or models') events in one company's indices, read as tokens
     * with a {@code _doc} scroll, no event held; a task without events is left out. Plots are scrolled apart in
     * small pages: the engine builds a page whole, and a plot can weigh megabytes (data model §2.5).
     */
    public Map<String, EventDigest> digestByTask(String company, Collection<String> taskIds) {
        Map<String, EventDigest> digests = new HashMap<>();
        if (!taskIds.isEmpty()) {
            EventQuery query = EventQuery.ofTasks(company, taskIds);
            Set<EventType> others = EnumSet.complementOf(EnumSet.of(EventType.PLOT));
            digest(query.withTypes(others), DIGEST_PAGES, digests);
            digest(query.withTypes(EnumSet.of(EventType.PLOT)), DIGEST_PAGES.withPageSize(PLOTS_PER_DIGEST_PAGE),
                    digests);
        }
        return digests;
    }

    private void digest(EventQuery query, ScrollOptions options, Map<String, EventDigest> digests) {
        try (EventScroll stored = scroll(query, options)) {
            boolean more = true;
            while (more) {
                more = stored.nextHit((index, id, source) -> {
                    EventDigest.HashedSource hashed = EventDigest.source(source);
                    digests.computeIfAbsent(String.valueOf(hashed.task()), t -> new EventDigest()).add(id, hashed.hash());
                });
            }
        }
    }

    /** Makes every write to the matching indices visible to searches and counts. */
    public void refresh(String indexPattern) {
        client.require(ElasticRequest.json("POST", "/" + indexPattern + "/_refresh?" + LENIENT, null));
    }

    /**
     * Deletes all events of the given tasks in one company's indices, as ClearML's import does before writing a
     * task's events (clearml-data-model.md §5.5): {@code _delete_by_query} with {@code conflicts=proceed} and
     * {@code refresh=true}.
     *
     * @return how many events were deleted
     * @throws StoreRequestException when some events could not be deleted
     */
    public long deleteTaskEvents(String company, Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        body.set("query", EventQuery.ofTasks(company, taskIds).toJson());
        String path = "/" + EventIndexNames.allTypes(company) + "/_delete_by_query?conflicts=proceed&refresh=true&" + LENIENT;
        JsonNode result = client.post(path, body);
        if (result.path("failures").size() > 0) {
            throw new StoreRequestException("Elasticsearch at " + client.currentHost() + " could not delete "
                    + result.path("failures").size() + " events of " + taskIds.size() + " tasks in "
                    + EventIndexNames.allTypes(company) + ": " + result.path("failures").path(0).path("cause").path("reason").asText()
                    + " — check the cluster's health and run the command again");
        }
        return result.path("deleted").asLong();
    }

    /**
     * Makes sure writing events of a type for a company yields ClearML's mapping. The composable templates cover
     * every type but {@code training_stats_vector} (clearml-data-model.md §2.2), so only that index is created
     * here, with the common mapping, when it is missing.
     *
     * @return whether an index was created
     */
    public boolean prepareIndex(EventType type, String company) {
        if (type != EventType.TRAINING_STATS_VECTOR) {
            return false;
        }
        String index = EventIndexNames.index(type, company);
        if (client.send(ElasticRequest.json("HEAD", "/" + index, null)).status() != 404) {
            return false;
        }
        ElasticRequest create = ElasticRequest.json("PUT", "/" + index, ElasticJson.bytes(EventMapping.commonIndex()));
        ElasticResponse response = client.send(create);
        if (response.isSuccess()) {
            return true;
        }
        if (response.body().path("error").path("type").asText().equals("resource_already_exists_exception")) {
            return false; // another writer created it meanwhile
        }
        throw client.rejected(create, response);
    }

    /** Reads the events a query matches; see {@link EventScroll} for order and memory. */
    public EventScroll scroll(EventQuery query) {
        return scroll(query, ScrollOptions.defaults());
    }

    public EventScroll scroll(EventQuery query, ScrollOptions options) {
        return new EventScroll(client, query, options, prefetcher);
    }

    /** A writer of index and delete actions; see {@link BulkWriter}. */
    public BulkWriter bulkWriter() {
        return bulkWriter(BulkOptions.defaults());
    }

    public BulkWriter bulkWriter(BulkOptions options) {
        return new BulkWriter(client, options);
    }
}
