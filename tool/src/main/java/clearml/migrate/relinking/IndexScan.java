package clearml.migrate.relinking;

import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticRequest;
import clearml.migrate.events.EventHit;
import clearml.migrate.failures.StoreRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Every event of one index, read with the scroll API sorted by {@code _doc}: the full scan that behaves the same on
 * Elasticsearch and OpenSearch and is the fastest (test-infra.md §2c). {@code EventStore}'s scroll reads the
 * events of given tasks; a relink reads whole indices, so it scrolls here.
 *
 * <p>Order: index order. The scroll is a snapshot taken at the first page, so the events a relink re-indexes
 * meanwhile are not seen again. Memory: one page. Not thread-safe; the scroll context is cleared at the end and on
 * {@link #close()}.
 */
final class IndexScan implements Iterator<EventHit>, Closeable {

    private static final int PAGE_SIZE = 500;
    private static final String KEEP_ALIVE = "5m";

    private final ElasticClient client;
    private final String index;
    private Iterator<JsonNode> page = Collections.emptyIterator();
    private @Nullable String scrollId;
    private boolean started;
    private boolean exhausted;
    private long total = -1;

    IndexScan(ElasticClient client, String index) {
        this.client = client;
        this.index = index;
    }

    /** How many events the index held when the scan began. */
    long total() {
        hasNext();
        return Math.max(total, 0);
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
            throw new NoSuchElementException("No more events in " + index);
        }
        JsonNode hit = page.next();
        return new EventHit(hit.path("_index").asText(), hit.path("_id").asText(), (ObjectNode) hit.path("_source"));
    }

    @Override
    public void close() {
        exhausted = true;
        page = Collections.emptyIterator();
        clear();
    }

    private void fetch() {
        JsonNode response = started ? continuation() : firstPage();
        started = true;
        requireComplete(response);
        scrollId = response.path("_scroll_id").asText(null);
        if (total < 0) {
            JsonNode hits = response.path("hits").path("total");
            total = hits.isNumber() ? hits.asLong() : hits.path("value").asLong(); // a number before ES 7
        }
        JsonNode hits = response.path("hits").path("hits");
        if (hits.isEmpty()) {
            exhausted = true;
            clear();
        }
        page = hits.iterator();
    }

    private JsonNode firstPage() {
        ObjectNode body = client.mapper().createObjectNode().put("size", PAGE_SIZE).put("track_total_hits", true);
        body.putArray("sort").add("_doc");
        return client.post("/" + index + "/_search?scroll=" + KEEP_ALIVE, body);
    }

    private JsonNode continuation() {
        ObjectNode body = client.mapper().createObjectNode().put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
        // resending a page request that reached the engine would skip a page
        return client.require(ElasticRequest.json("POST", "/_search/scroll", bytes(body)).notIdempotent());
    }

    private void requireComplete(JsonNode response) {
        JsonNode shards = response.path("_shards");
        if (shards.path("failed").asInt(0) > 0 || response.path("timed_out").asBoolean(false)) {
            clear();
            throw new StoreRequestException("Elasticsearch at " + client.currentHost() + " returned incomplete results "
                    + "for " + index + ": " + shards.path("failed").asInt() + " of " + shards.path("total").asInt()
                    + " shards failed — check the cluster's health and run relink again");
        }
    }

    private void clear() {
        if (scrollId == null) {
            return;
        }
        ObjectNode body = client.mapper().createObjectNode();
        body.putArray("scroll_id").add(scrollId);
        scrollId = null;
        client.send(ElasticRequest.json("DELETE", "/_search/scroll", bytes(body))); // 404: already gone
    }

    private byte[] bytes(JsonNode body) {
        try {
            return client.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
