package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.ApiRequest;
import clearml.migrate.api.ApiResponse;
import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Events sent again through {@code events.add_batch}, which overwrites a stored debug image or plot: the server
 * indexes non-log events under {@code md5(task-iter-metric-variant-key)} (data model §2.4), fields a re-send keeps.
 * The server's own fields are left out for it to make again: {@code @timestamp} (the write time),
 * {@code plot_len}, {@code source_urls} and the compression of a long {@code plot_str} (§2.5). A published task or
 * a ready model takes them with {@code allow_locked}. Batches are cut at {@link #MAX_BYTES}.
 */
final class EventResend {

    /** Well below what the server was seen to take in one call (clearml-rest-api.md, Limits). */
    static final int MAX_BYTES = 4 << 20;

    /** The event types whose events hold URL places, in the order they are read. */
    static final List<EventType> TYPES = List.of(EventType.TRAINING_DEBUG_IMAGE, EventType.PLOT);

    private final ApiClient client;
    private final Runnable beforeSend;
    private final List<ObjectNode> batch = new ArrayList<>();
    private long bytes;

    /** @param beforeSend run before each batch goes: the journal's flush, so every change is on disk first */
    EventResend(ApiClient client, Runnable beforeSend) {
        this.client = client;
        this.beforeSend = beforeSend;
    }

    /** What {@code add_batch} is sent for an event as read: without the server's fields, plots uncompressed. */
    static ObjectNode prepared(ObjectNode read, boolean locked) {
        ObjectNode event = read.deepCopy();
        event.remove("@timestamp");
        event.remove("company_id");
        if (EventType.PLOT.value().equals(event.path("type").asText())) {
            PlotCodec.toExported(event);
            event.remove(PlotCodec.PLOT_LEN);
            event.remove(PlotCodec.SOURCE_URLS);
        }
        if (locked) {
            event.put("allow_locked", true);
        }
        return event;
    }

    /** The link-bearing content of an event, to compare a stored one with a journalled one. */
    static ObjectNode links(JsonNode event) {
        ObjectNode plain = prepared((ObjectNode) event, false);
        ObjectNode links = ApiJson.object();
        links.set("url", plain.path("url"));
        links.set("plot_str", plain.path(PlotCodec.PLOT_STR));
        return links;
    }

    /** Queues an event; sends the batch first when the event would make it too large. */
    void add(ObjectNode event, Consumer<Outcome> onSent) {
        long size = event.toString().getBytes(StandardCharsets.UTF_8).length + 1L;
        if (!batch.isEmpty() && bytes + size > MAX_BYTES) {
            onSent.accept(send());
        }
        batch.add(event);
        bytes += size;
    }

    /** Sends the queued events; an empty queue sends nothing. */
    Outcome send() {
        if (batch.isEmpty()) {
            return new Outcome(0, 0, "");
        }
        beforeSend.run();
        ApiResponse answer = client.send(ApiRequest.eventBatch(batch));
        int sent = batch.size();
        batch.clear();
        bytes = 0;
        if (!answer.isSuccess()) {
            return new Outcome(sent, sent, "events.add_batch answered " + answer.code() + " " + answer.resultMsg());
        }
        long errors = answer.data().path("errors").asLong();
        return new Outcome(sent, errors, errors == 0 ? "" : "events.add_batch refused " + errors + " of " + sent
                + ": " + answer.data().path("errors_info"));
    }

    /** What one {@code add_batch} did: events sent, how many the server refused, and its words. */
    record Outcome(long sent, long refused, String reason) {
    }
}
