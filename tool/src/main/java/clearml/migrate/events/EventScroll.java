package clearml.migrate.events;

import clearml.migrate.failures.StoreRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The events an {@link EventQuery} matches, read page by page with the scroll API, which behaves the same on
 * Elasticsearch and OpenSearch (test-infra.md §2c).
 *
 * <p>Order: as {@link ScrollOptions#order()} says; the scroll is a snapshot taken at the first page, so writes made
 * meanwhile are not seen. Memory: one page of events. Not reusable and not thread-safe. The first page is fetched by
 * the first {@link #hasNext()}; the scroll context is cleared when the last page has been read and on
 * {@link #close()}. A page whose shards partly failed throws {@link StoreRequestException} rather than silently
 * skipping events.
 */
public final class EventScroll implements Iterator<EventHit>, Closeable {

    private final ElasticClient client;
    private final EventQuery query;
    private final ScrollOptions options;
    private Iterator<JsonNode> page = Collections.emptyIterator();
    private @Nullable String scrollId;
    private boolean started;
    private boolean exhausted;
    private long total = -1;
    private long seen;

    EventScroll(ElasticClient client, EventQuery query, ScrollOptions options) {
        this.client = client;
        this.query = query;
        this.options = options;
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && !exhausted) {
            fetch();
        }
        return page.hasNext();
    }

    @Override
    public EventHit next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more events");
        }
        JsonNode hit = page.next();
        return new EventHit(hit.path("_index").asText(), hit.path("_id").asText(), (ObjectNode) hit.path("_source"));
    }

    /** How many events the query matched when the scroll began. */
    public long total() {
        hasNext();
        return Math.max(total, 0);
    }

    @Override
    public void close() {
        exhausted = true;
        page = Collections.emptyIterator();
        clear();
    }

    private void fetch() {
        JsonNode response = started ? client.require(continuation()) : client.require(firstPage());
        started = true;
        requireComplete(response);
        scrollId = response.path("_scroll_id").asText(null);
        if (total < 0) {
            total = ElasticJson.totalHits(response);
        }
        JsonNode hits = response.path("hits").path("hits");
        seen += hits.size();
        if (hits.isEmpty() || seen >= total) { // the last page: spare the engine one empty round trip
            exhausted = true;
            clear();
        }
        page = hits.iterator();
    }

    private ElasticRequest firstPage() {
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        body.put("size", options.pageSize());
        body.put("track_total_hits", true); // an exact total, which also tells which page is the last
        body.set("query", query.toJson());
        ArrayNode sort = body.putArray("sort");
        if (options.order() == EventOrder.TIMESTAMP) {
            // unmapped_type: an index without events of that shape may lack the field's mapping
            sort.addObject().putObject("timestamp").put("order", "asc").put("unmapped_type", "long");
        }
        sort.add("_doc");
        String path = "/" + query.target() + "/_search?scroll=" + options.keepAliveParameter() + "&" + EventStore.LENIENT;
        return ElasticRequest.json("POST", path, ElasticJson.bytes(body));
    }

    private ElasticRequest continuation() {
        ObjectNode body = ElasticJson.MAPPER.createObjectNode()
                .put("scroll", options.keepAliveParameter())
                .put("scroll_id", scrollId);
        // resending a page request that reached the engine would skip a page
        return ElasticRequest.json("POST", "/_search/scroll", ElasticJson.bytes(body)).notIdempotent();
    }

    private void requireComplete(JsonNode response) {
        JsonNode shards = response.path("_shards");
        if (shards.path("failed").asInt(0) > 0 || response.path("timed_out").asBoolean(false)) {
            clear();
            throw new StoreRequestException("Elasticsearch at " + client.currentHost() + " returned incomplete results for "
                    + query.target() + ": " + shards.path("failed").asInt() + " of " + shards.path("total").asInt()
                    + " shards failed (" + shards.path("failures").path(0).path("reason").path("reason").asText("timed out")
                    + ") — check the cluster's health and run the command again");
        }
    }

    private void clear() {
        if (scrollId == null) {
            return;
        }
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        body.putArray("scroll_id").add(scrollId);
        scrollId = null;
        client.send(ElasticRequest.json("DELETE", "/_search/scroll", ElasticJson.bytes(body))); // 404: already gone
    }
}
