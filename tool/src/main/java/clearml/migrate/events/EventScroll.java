package clearml.migrate.events;

import clearml.migrate.failures.StoreRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The events an {@link EventQuery} matches, read page by page with the scroll API, which behaves the same on
 * Elasticsearch and OpenSearch (test-infra.md §2c).
 *
 * <p>Order: as {@link ScrollOptions#order()} says; the scroll is a snapshot taken at the first page, so writes made
 * meanwhile are not seen. Events come as trees ({@link #next()}) or as the bytes the engine sent
 * ({@link #nextSource}); one scroll is read one way only. Memory: one event, since each page is parsed as it
 * arrives. With {@link ScrollOptions#prefetch()} the next page is asked for as soon as this one's scroll id is
 * read, so that the engine gathers it while this one is consumed (the engine has built a page whole before it
 * sends it, so the scroll context is free again); its answer waits in the socket, unread. Not reusable and not
 * thread-safe. The first page is fetched by the first {@link #hasNext()}; the scroll context is cleared when the
 * last page has been read and on {@link #close()}. A page whose shards partly failed throws
 * {@link StoreRequestException} rather than silently skipping events; a connection lost mid-page throws
 * {@link clearml.migrate.failures.StoreUnreachableException} (a scroll cannot be resumed).
 */
public final class EventScroll implements Iterator<EventHit>, Closeable {

    private final ElasticClient client;
    private final EventQuery query;
    private final ScrollOptions options;
    private final @Nullable Executor prefetcher;
    private @Nullable HitStream page;
    private @Nullable CompletableFuture<HitStream> prefetched;
    private @Nullable ElasticRequest pageRequest;
    private @Nullable String scrollId;
    private boolean started;
    private boolean keepsBytes;
    private boolean exhausted;
    private long total = -1;
    private long seen;

    EventScroll(ElasticClient client, EventQuery query, ScrollOptions options, @Nullable Executor prefetcher) {
        this.client = client;
        this.query = query;
        this.options = options;
        this.prefetcher = options.prefetch() ? prefetcher : null;
    }

    @Override
    public boolean hasNext() {
        while (!exhausted) {
            if (page == null) {
                fetch();
            } else if (hasNextInPage(page)) {
                return true;
            } else {
                endPage(page);
            }
        }
        return false;
    }

    @Override
    public EventHit next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more events");
        }
        JsonNode hit = page.next();
        seen++;
        return new EventHit(hit.path("_index").asText(), hit.path("_id").asText(), (ObjectNode) hit.path("_source"));
    }

    /**
     * Hands the next event's {@code _source} to {@code reader} as the bytes the engine sent.
     *
     * @return false when every event has been read
     */
    public boolean nextSource(SourceReader reader) {
        keepsBytes = true;
        return nextInScroll(current -> current.nextSource(reader));
    }

    /**
     * Hands the next event's index, id and {@code _source} to {@code reader}, the source as tokens.
     *
     * @return false when every event has been read
     */
    boolean nextHit(HitReader reader) {
        return nextInScroll(current -> current.nextHit(reader));
    }

    private boolean nextInScroll(Predicate<HitStream> next) {
        while (!exhausted) {
            if (page == null) {
                fetch();
            } else if (nextInPage(page, next)) {
                seen++;
                return true;
            } else {
                endPage(page);
            }
        }
        return false;
    }

    /** How many events the query matched when the scroll began. */
    public long total() {
        hasNext();
        return Math.max(total, 0);
    }

    @Override
    public void close() {
        exhausted = true;
        if (page != null) {
            page.close();
            page = null;
        }
        dropPrefetched();
        clear();
    }

    private void fetch() {
        if (started && scrollId == null) {
            close();
            throw new StoreRequestException("Elasticsearch at " + client.currentHost() + " gave no scroll id for "
                    + query.target() + " — check that the engine supports the scroll API");
        }
        ElasticRequest request = started ? continuation() : firstPage();
        started = true;
        pageRequest = request;
        HitStream next = prefetched != null ? awaitPrefetched() : client.stream(request, pageReader());
        page = next;
        if (next.scrollId() != null) {
            scrollId = next.scrollId();
        }
        requireComplete(next);
        if (total < 0) {
            total = next.total();
        }
        if (prefetcher != null && seen + options.pageSize() < total) {
            ElasticRequest following = continuation();
            prefetched = CompletableFuture.supplyAsync(() -> client.stream(following, pageReader()), prefetcher);
        }
    }

    /** Pages read as bytes keep them ({@link HitStream#keeping}); others are only parsed. */
    private ElasticClient.BodyReader<HitStream> pageReader() {
        return keepsBytes ? HitStream::keeping : HitStream::new;
    }

    private HitStream awaitPrefetched() {
        CompletableFuture<HitStream> next = prefetched;
        prefetched = null;
        try {
            return next.join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** A page asked for but not wanted any more: its answer is read to the end and let go. */
    private void dropPrefetched() {
        CompletableFuture<HitStream> next = prefetched;
        prefetched = null;
        if (next != null) {
            try {
                next.join().close();
            } catch (CompletionException e) {
                // a page nobody will read failed: nothing is lost
            }
        }
    }

    private boolean hasNextInPage(HitStream current) {
        try {
            return current.hasNext();
        } catch (UncheckedIOException e) {
            throw dropped(e);
        }
    }

    private boolean nextInPage(HitStream current, Predicate<HitStream> next) {
        try {
            return next.test(current);
        } catch (UncheckedIOException e) {
            throw dropped(e);
        }
    }

    private RuntimeException dropped(UncheckedIOException e) {
        close();
        return client.droppedDuring(client.currentHost(), pageRequest == null ? continuation() : pageRequest, e.getCause());
    }

    /** After a page: the last one (short of hits, or all seen) clears the scroll; otherwise the next is fetched. */
    private void endPage(HitStream finished) {
        page = null;
        if (finished.scrollId() != null) {
            scrollId = finished.scrollId();
        }
        if (finished.count() == 0 || (total >= 0 && seen >= total)) { // the last page: spare one empty round trip
            exhausted = true;
            dropPrefetched();
            clear();
        }
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

    private void requireComplete(HitStream response) {
        JsonNode shards = response.shards();
        if (shards.path("failed").asInt(0) > 0 || response.timedOut()) {
            close();
            throw new StoreRequestException("Elasticsearch at " + client.currentHost() + " returned incomplete results for "
                    + query.target() + ": " + shards.path("failed").asInt() + " of " + shards.path("total").asInt()
                    + " shards failed (" + shards.path("failures").path(0).path("reason").path("reason").asText("timed out")
                    + ") — check the cluster's health and run the command again");
        }
    }

    private void clear() {
        if (scrollId == null || scrollId.isEmpty()) {
            return;
        }
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        body.putArray("scroll_id").add(scrollId);
        scrollId = null;
        ElasticRequest request = ElasticRequest.json("DELETE", "/_search/scroll", ElasticJson.bytes(body));
        if (prefetcher == null) {
            client.send(request); // 404: already gone
        } else {
            // reading ahead, nobody waits for the answer either: a context left behind expires with its keep-alive
            CompletableFuture.runAsync(() -> client.send(request), prefetcher);
        }
    }
}
