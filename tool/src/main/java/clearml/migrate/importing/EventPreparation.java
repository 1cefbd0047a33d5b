package clearml.migrate.importing;

import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventDigest;
import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Turns an archived event into the document and id the target stores, following ClearML's {@code add_events}
 * (data model §2.3–§2.5, §5.6): the target task (or model) id, {@code company_id}, normalised fields, the plot measured
 * and compressed at 100 000 characters, ClearML's md5 id for metric events and a deterministic id for log events.
 * The link rewrite of {@code --url-map} runs before compression. A 2.x target takes {@code x_axis_label} out of the
 * event (it only goes into the task's {@code last_metrics}); a 1.x target keeps it in the event, as 1.x did. Each
 * normalised event is folded into its entity's {@link EventStatistics} on the way.
 *
 * <p>Deviation, for reproducible imports: the archived {@code @timestamp} is kept (ClearML stamps the import time),
 * so a rerun stores byte-equal events; one is only made, from {@code timestamp}, when the archive has none.
 */
final class EventPreparation {

    /**
     * One event ready for the bulk writer: its source as a tree, or as the bytes Jackson would write for that tree
     * when {@link FlatEventPreparation} made it (exactly one of the two is set).
     */
    record PreparedEvent(EventType type, String index, String id, @Nullable ObjectNode source,
            byte @Nullable [] json) {

        PreparedEvent {
            if ((source == null) == (json == null)) {
                throw new IllegalArgumentException("A prepared event is either a tree or its JSON bytes");
            }
        }

        /** Adds the event to a digest of events as they are stored. */
        void addTo(EventDigest digest) {
            if (json != null) {
                digest.add(id, json);
            } else {
                digest.add(id, source);
            }
        }

        /** Queues the event for its index in a bulk writer, as the bytes or the tree it was prepared as. */
        void indexInto(BulkWriter writer) {
            if (json != null) {
                writer.index(index, id, json);
            } else {
                writer.index(index, id, source);
            }
        }
    }

    /** ClearML's {@code @timestamp} format, {@code %Y-%m-%dT%H:%M:%S.mmmZ} (§2.3). */
    private static final DateTimeFormatter AT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String company;
    private final Map<EventType, String> indexNames;
    private final ServerGeneration generation;
    private final LinkRewriter links;
    private final boolean rewriteLinks;
    private final Clock clock;
    private final LongAdder linksRewritten = new LongAdder(); // prepare runs on several threads
    private final FlatEventPreparation flat;

    EventPreparation(String company, ServerGeneration generation, UrlMap urlMap, Clock clock) {
        this.company = company;
        this.indexNames = EventIndexNames.byType(company);
        this.generation = generation;
        this.links = new LinkRewriter(urlMap);
        this.rewriteLinks = !urlMap.isEmpty();
        this.clock = clock;
        // a --url-map rewrites only events of the types holding a link place: those go the tree way, as before
        this.flat = new FlatEventPreparation(company, generation, EventPreparation::isoMillis,
                rewriteLinks ? LinkPlace.Holder.eventTypes() : Set.of());
    }

    /**
     * Prepares an archived event as {@link #prepare(String, long, ObjectNode, EventStatistics)} does: from the bytes
     * of its line when {@link FlatEventPreparation} covers it, else from its tree.
     */
    PreparedEvent prepare(String taskId, long position, ArchivedEvent event, EventStatistics statistics) {
        if (event.ascii()) {
            PreparedEvent prepared = flat.prepare(taskId, position, event.bytes(), event.offset(), event.length(),
                    statistics);
            if (prepared != null) {
                return prepared;
            }
        }
        return prepare(taskId, position, event.tree(), statistics);
    }

    /**
     * Prepares the event at 0-based {@code position} in an events entry and folds it into {@code statistics};
     * {@code taskId} is the target id of the task (or, for model events, the model) the entry belongs to.
     */
    PreparedEvent prepare(String taskId, long position, ObjectNode event, EventStatistics statistics) {
        // A log event's id hashes its archived text, taken before normalising; only logs pay for the text.
        @Nullable String archivedText = isLog(event) ? event.toString() : null;
        EventType type = observe(taskId, event, statistics);
        if (rewriteLinks) {
            linksRewritten.add(links.rewriteEvent(event).changes().size());
        }
        if (type == EventType.PLOT) {
            storePlot(event);
        }
        String id = archivedText != null ? EventIds.logEventId(taskId, position, archivedText)
                : EventIds.metricEventId(event);
        return new PreparedEvent(type, indexNames.get(type), id, event, null);
    }

    /** Normalises, folds into {@code statistics} and rewrites links as {@link #prepare}; no id, no compression. */
    ObjectNode forApi(String taskId, ObjectNode event, EventStatistics statistics) {
        observe(taskId, event, statistics);
        if (rewriteLinks) {
            linksRewritten.add(links.rewriteEvent(event).changes().size());
        }
        return event;
    }

    /**
     * Normalises an event as {@link #prepare} does and folds it into {@code statistics}, without the link rewrite,
     * the plot compression or the id, which the statistics do not depend on; returns its type.
     */
    EventType observe(String taskId, ObjectNode event, EventStatistics statistics) {
        EventType type = EventType.fromValue(event.path("type").asText());
        JsonNode label = normalise(event, type, taskId);
        statistics.add(event, type, label != null && label.isTextual() ? label.textValue() : null);
        return type;
    }

    /**
     * Measures and compresses a plot as ClearML does. Archived {@code source_urls} are kept: ClearML computed them
     * with the same regex when the event was first stored, and that regex cuts a URL at a quote (e.g.
     * {@code d'objets}), so recomputing could only lose data written by another tool.
     */
    private static void storePlot(ObjectNode event) {
        JsonNode archivedUrls = event.get(PlotCodec.SOURCE_URLS);
        PlotCodec.toStored(event, archivedUrls == null);
        if (archivedUrls != null) {
            event.set(PlotCodec.SOURCE_URLS, archivedUrls); // where toStored left it, as before it kept them
        }
    }

    private static boolean isLog(ObjectNode event) {
        return EventType.fromValue(event.path("type").asText()) == EventType.LOG;
    }

    long linksRewritten() {
        return linksRewritten.sum();
    }

    /** Normalises in place; returns the {@code x_axis_label} a 2.x target takes out of the event, if any. */
    private @Nullable JsonNode normalise(ObjectNode event, EventType type, String taskId) {
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
        coerceIter(event);
        if (!event.has("@timestamp")) {
            event.put("@timestamp", isoMillis(event.path("timestamp").asLong()));
        }
        return generation == ServerGeneration.V2 ? event.remove("x_axis_label") : event.get("x_axis_label");
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

    static String isoMillis(long epochMillis) {
        return AT_TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
