package clearml.migrate.importing;

import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/**
 * Turns an archived event into the document and id the target stores, following ClearML's {@code add_events}
 * (data model §2.3–§2.5, §5.6): the target task (or model) id, {@code company_id}, normalised fields, the plot measured
 * and compressed at 100 000 characters, ClearML's md5 id for metric events and a deterministic id for log events.
 * The link rewrite of {@code --url-map} runs before compression.
 *
 * <p>Deviation, for reproducible imports: the archived {@code @timestamp} is kept (ClearML stamps the import time),
 * so a rerun stores byte-equal events; one is only made, from {@code timestamp}, when the archive has none.
 */
final class EventPreparation {

    /** One event ready for the bulk writer. */
    record PreparedEvent(EventType type, String index, String id, ObjectNode source) {
    }

    /** ClearML's {@code @timestamp} format, {@code %Y-%m-%dT%H:%M:%S.mmmZ} (§2.3). */
    private static final DateTimeFormatter AT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String company;
    private final LinkRewriter links;
    private final boolean rewriteLinks;
    private final Clock clock;
    private long linksRewritten;

    EventPreparation(String company, UrlMap urlMap, Clock clock) {
        this.company = company;
        this.links = new LinkRewriter(urlMap);
        this.rewriteLinks = !urlMap.isEmpty();
        this.clock = clock;
    }

    /**
     * Prepares the event at 0-based {@code position} in an events entry; {@code taskId} is the target id of the
     * task (or, for model events, the model) the entry belongs to.
     */
    PreparedEvent prepare(String taskId, long position, ObjectNode event) {
        String content = event.toString();
        EventType type = EventType.fromValue(event.path("type").asText());
        normalise(event, type, taskId);
        if (rewriteLinks) {
            linksRewritten += links.rewriteEvent(event).changes().size();
        }
        if (type == EventType.PLOT) {
            storePlot(event);
        }
        String id = type == EventType.LOG ? EventIds.logEventId(taskId, position, content)
                : EventIds.metricEventId(event);
        return new PreparedEvent(type, EventIndexNames.index(type, company), id, event);
    }

    /**
     * Measures and compresses a plot as ClearML does. Archived {@code source_urls} are kept: ClearML computed them
     * with the same regex when the event was first stored, and that regex cuts a URL at a quote (e.g.
     * {@code d'objets}), so recomputing could only lose data written by another tool.
     */
    private static void storePlot(ObjectNode event) {
        JsonNode archivedUrls = event.get(PlotCodec.SOURCE_URLS);
        PlotCodec.toStored(event);
        if (archivedUrls != null) {
            event.set(PlotCodec.SOURCE_URLS, archivedUrls);
        }
    }

    long linksRewritten() {
        return linksRewritten;
    }

    private void normalise(ObjectNode event, EventType type, String taskId) {
        event.put("type", type.value());
        event.put("task", taskId);
        event.put("company_id", company);
        rename(event, "ts", "timestamp");
        rename(event, "values", "value");
        if (!event.has("timestamp")) {
            event.put("timestamp", clock.millis());
        }
        defaultText(event, "metric");
        defaultText(event, "variant");
        defaultText(event, "worker");
        if (!event.has("model_event")) {
            event.put("model_event", false);
        }
        event.remove("x_axis_label");
        coerceIter(event);
        if (!event.has("@timestamp")) {
            event.put("@timestamp", isoMillis(event.path("timestamp").asLong()));
        }
    }

    private static void rename(ObjectNode event, String from, String to) {
        JsonNode value = event.remove(from);
        if (value != null && !event.has(to)) {
            event.set(to, value);
        }
    }

    private static void defaultText(ObjectNode event, String field) {
        if (!event.has(field) || event.get(field).isNull()) {
            event.put(field, "");
        }
    }

    /** ClearML stores {@code int(iter)} (§2.3). */
    private static void coerceIter(ObjectNode event) {
        JsonNode iter = event.get("iter");
        if (iter != null && !iter.isNull() && !iter.isIntegralNumber()) {
            if (iter.isNumber()) {
                event.put("iter", iter.asLong());
            } else if (iter.asText().strip().matches("-?\\d+")) {
                event.put("iter", Long.parseLong(iter.asText().strip()));
            }
        }
    }

    private static String isoMillis(long epochMillis) {
        return AT_TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
