package clearml.migrate.api;

import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The items of a scrolled listing, one page in memory at a time, in the server's order. The first call sends no
 * scroll id; each answer's {@code scroll_id} asks for the next page, until a page comes back empty: a short page
 * is no sign of the end, as a server may cap pages below the size asked for, and no cap is assumed.
 *
 * <p>The server moves a scroll on with every call, so a continuation is not idempotent. When one fails after it may
 * have reached the server, the listing starts over with a new scroll, within the same patience, skips the items
 * already handed out, and checks that the last of them comes back in its place; a listing that changed meanwhile
 * fails with one line instead of handing out an item twice or missing one. Not thread-safe.
 */
public abstract sealed class ScrollPages implements Iterator<JsonNode> permits EntityPages, TaskEventPages {

    private final ApiClient client;
    private final String endpoint;
    private final ObjectNode query;
    private final String sizeField;
    private final Backoff backoff;
    private final Deque<JsonNode> page = new ArrayDeque<>();
    private int size;
    private @Nullable String scrollId;
    private boolean started;
    private boolean ended;
    private long delivered;
    private @Nullable JsonNode last;
    private long toSkip;
    private int pages;
    private int restarts;

    /**
     * @param query the caller's query, without the scroll id and the page size
     * @param sizeField the name of the page size in a call: {@code size} or {@code batch_size}
     * @param size the page size to ask for
     */
    ScrollPages(ApiClient client, String endpoint, ObjectNode query, String sizeField, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(sizeField + " must be at least 1: " + size);
        }
        this.client = client;
        this.endpoint = endpoint;
        this.query = query.deepCopy();
        this.sizeField = sizeField;
        this.size = size;
        this.backoff = client.backoff();
    }

    /** The page size asked for now. */
    public int size() {
        return size;
    }

    /** Asks for smaller pages from the next call on. */
    void shrink(int smaller) {
        size = smaller;
    }

    /** The page's items in the answer's {@code data}. */
    abstract JsonNode items(JsonNode data);

    /**
     * The answer to a page's call: its {@code data}, or null to send the same call again (after the subclass
     * adjusted its body, say a smaller page).
     */
    @Nullable
    JsonNode accept(ApiResponse response) {
        if (!response.isSuccess()) {
            throw client.rejected(response);
        }
        return response.data();
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty() && !ended) {
            fetch();
        }
        return !page.isEmpty();
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode item = page.removeFirst();
        delivered++;
        last = item;
        return item;
    }

    /** The calls that brought a page, empty ones included, over all starts. */
    public int pages() {
        return pages;
    }

    /** How often the listing started over after a cut continuation. */
    public int restarts() {
        return restarts;
    }

    private void fetch() {
        JsonNode data = null;
        try {
            while (data == null) {
                data = accept(client.exchange(request(), backoff));
            }
        } catch (MaybeReached cut) {
            startOver(cut);
            return;
        }
        pages++;
        started = true;
        take(data);
    }

    private ApiRequest request() {
        ObjectNode body = query.deepCopy();
        body.put("scroll_id", started ? scrollId : null);
        body.put(sizeField, size);
        ApiRequest request = ApiRequest.json(endpoint, body);
        return started ? request.notIdempotent() : request;
    }

    private void take(JsonNode data) {
        JsonNode items = items(data);
        if (items.isEmpty()) {
            if (toSkip > 0) {
                throw changed();
            }
            ended = true;
            return;
        }
        String next = data.path("scroll_id").asText("");
        if (next.isEmpty()) {
            throw new StoreRequestException("ClearML API at " + client.host() + " answered " + endpoint
                    + " without a scroll_id, so the listing cannot go on past its first page; the server is older "
                    + "than the tool supports (ping shows its API version)");
        }
        scrollId = next;
        items.forEach(this::offer);
    }

    private void offer(JsonNode item) {
        if (toSkip == 0) {
            page.addLast(item);
            return;
        }
        toSkip--;
        if (toSkip == 0 && !item.equals(last)) {
            throw changed();
        }
    }

    private StoreRequestException changed() {
        return new StoreRequestException("ClearML API at " + client.host() + " listed " + endpoint
                + " differently when the listing started over after a cut connection; the data changed while it "
                + "was read: run the same command again once nothing writes to the source");
    }

    private void startOver(MaybeReached cut) {
        if (!backoff.pause()) {
            throw cut.failure();
        }
        restarts++;
        started = false;
        scrollId = null;
        page.clear();
        toSkip = delivered;
    }
}
