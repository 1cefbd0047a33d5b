package clearml.migrate.importing;

import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventType;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import clearml.migrate.importing.FlatJsonObject.Kind;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * {@link EventPreparation}'s rules applied to the bytes of a flat event ({@link FlatJsonObject}) instead of its
 * tree: the same fields replaced, defaulted and appended in the same order, the same id, the same statistics, and
 * the same bytes as Jackson writes the normalised tree ({@code FlatEventPreparationTest} holds the two paths
 * together). It covers what nearly every event of an archive needs and declines the rest, which then goes the tree
 * way: plots (measured and compressed), the legacy {@code ts}/{@code values} names, an {@code iter} ClearML coerces,
 * no {@code timestamp}, a {@code metric}/{@code variant}/{@code worker} that is neither text nor null, a line
 * longer than {@value #MAX_LINE_BYTES} bytes, and the types it is told to leave (under a {@code --url-map}, those
 * holding a link place, whose rewrite walks the tree).
 */
final class FlatEventPreparation {

    private static final byte[] TYPE = FlatJsonObject.quoted("type");
    private static final byte[] TASK = FlatJsonObject.quoted("task");
    private static final byte[] COMPANY = FlatJsonObject.quoted("company_id");
    private static final byte[] TS = FlatJsonObject.quoted("ts");
    private static final byte[] VALUES = FlatJsonObject.quoted("values");
    private static final byte[] TIMESTAMP = FlatJsonObject.quoted("timestamp");
    private static final byte[] METRIC = FlatJsonObject.quoted("metric");
    private static final byte[] VARIANT = FlatJsonObject.quoted("variant");
    private static final byte[] WORKER = FlatJsonObject.quoted("worker");
    private static final byte[] MODEL_EVENT = FlatJsonObject.quoted("model_event");
    private static final byte[] ITER = FlatJsonObject.quoted("iter");
    private static final byte[] AT_TIMESTAMP = FlatJsonObject.quoted("@timestamp");
    private static final byte[] X_AXIS_LABEL = FlatJsonObject.quoted("x_axis_label");
    private static final byte[] KEY = FlatJsonObject.quoted("key");
    private static final byte[] VALUE = FlatJsonObject.quoted("value");
    private static final byte[] EMPTY_TEXT = FlatJsonObject.quoted("");
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Longer lines go the tree way unread: a flat event is a few hundred bytes, and each thread keeps the buffers
     * of the longest line it read here for the whole import, which a plot of megabytes must not set.
     */
    static final int MAX_LINE_BYTES = 64 << 10;

    /** Each type's value quoted, as the normalised event holds it. */
    private static final byte[][] QUOTED_TYPES = Arrays.stream(EventType.values())
            .map(type -> FlatJsonObject.quoted(type.value())).toArray(byte[][]::new);

    /** What one thread reuses from event to event: the object read, and the quoted id of the task it is on. */
    private static final class Reused {
        final FlatJsonObject event = new FlatJsonObject();
        // unsynchronized, unlike ByteArrayOutputStream, whose lock per write cost under C1 (some 20 writes an event)
        final ByteArrayBuilder normalised = new ByteArrayBuilder(2048);
        String taskId = "";
        byte[] quotedTask = FlatJsonObject.quoted("");

        byte[] quotedTask(String id) {
            if (!id.equals(taskId)) {
                taskId = id;
                quotedTask = FlatJsonObject.quoted(id);
            }
            return quotedTask;
        }
    }

    private static final ThreadLocal<Reused> REUSED = ThreadLocal.withInitial(Reused::new);

    private final Map<EventType, String> indexNames;
    private final byte[] quotedCompany;
    private final ServerGeneration generation;
    private final LongFunction<String> atTimestamp;
    private final Set<EventType> declined;

    /**
     * @param atTimestamp ClearML's {@code @timestamp} text of an epoch-millisecond {@code timestamp}
     * @param declined the types left to the tree way besides plots
     */
    FlatEventPreparation(String company, ServerGeneration generation, LongFunction<String> atTimestamp,
            Set<EventType> declined) {
        this.indexNames = EventIndexNames.byType(company);
        this.quotedCompany = FlatJsonObject.quoted(company);
        this.generation = generation;
        this.atTimestamp = atTimestamp;
        this.declined = declined;
    }

    /**
     * The event of an all-ASCII archive line prepared as {@link EventPreparation#prepare} would, folded into
     * {@code statistics}; null, with nothing folded, when this path does not cover it.
     */
    @Nullable PreparedEvent prepare(String taskId, long position, byte[] line, int offset, int length,
            EventStatistics statistics) {
        if (length > MAX_LINE_BYTES) {
            return null;
        }
        Reused reused = REUSED.get();
        FlatJsonObject event = reused.event;
        if (!event.read(line, offset, length)) {
            return null;
        }
        Fields fields = Fields.of(event);
        if (fields == null) {
            return null;
        }
        EventType type;
        try {
            type = EventType.fromValue(event.text(fields.type));
        } catch (IllegalArgumentException e) {
            return null; // the tree way fails it with its own message
        }
        if (type == EventType.PLOT || declined.contains(type)) {
            return null;
        }
        ObjectNode scalars = scalars(event, fields, taskId);
        @Nullable String label = fields.xAxisLabel >= 0 && event.kind(fields.xAxisLabel) == Kind.STRING
                ? event.text(fields.xAxisLabel) : null;
        statistics.add(scalars, type, label);
        String id = type == EventType.LOG
                ? EventIds.logEventId(taskId, position, event.bytes(), 0, event.length())
                : EventIds.metricEventId(scalars);
        return new PreparedEvent(type, indexNames.get(type), id, null,
                normalised(event, fields, type, reused.quotedTask(taskId), reused.normalised));
    }

    /** The fields the statistics and ClearML's id read, as the normalised tree holds them. */
    private static ObjectNode scalars(FlatJsonObject event, Fields fields, String taskId) {
        ObjectNode scalars = NODES.objectNode();
        scalars.put("task", taskId);
        if (fields.iter >= 0) {
            scalars.set("iter", event.node(fields.iter));
        }
        scalars.put("metric", textOrEmpty(event, fields.metric));
        scalars.put("variant", textOrEmpty(event, fields.variant));
        if (fields.key >= 0) {
            scalars.set("key", event.node(fields.key));
        }
        scalars.set("timestamp", event.node(fields.timestamp));
        if (fields.value >= 0) {
            scalars.set("value", event.node(fields.value));
        }
        return scalars;
    }

    private static String textOrEmpty(FlatJsonObject event, int field) {
        return field >= 0 && event.kind(field) == Kind.STRING ? event.text(field) : "";
    }

    /** The event's bytes after {@link EventPreparation}'s normalising, in the order its edits leave the fields. */
    private byte[] normalised(FlatJsonObject event, Fields fields, EventType type, byte[] quotedTask,
            ByteArrayBuilder out) {
        byte[] archived = event.bytes();
        out.reset();
        out.write('{');
        boolean first = true;
        for (int field = 0; field < event.size(); field++) {
            if (field == fields.xAxisLabel && generation == ServerGeneration.V2) {
                continue; // a 2.x target keeps the label in the task's last_metrics only
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            int valueStart = event.valueStart(field);
            out.write(archived, event.fieldStart(field), valueStart - event.fieldStart(field));
            byte[] replaced = field == fields.type ? QUOTED_TYPES[type.ordinal()]
                    : field == fields.task ? quotedTask
                    : field == fields.company ? quotedCompany
                    : isNullText(event, fields, field) ? EMPTY_TEXT
                    : null;
            if (replaced != null) {
                out.write(replaced);
            } else {
                out.write(archived, valueStart, event.valueEnd(field) - valueStart);
            }
        }
        // the type is always written above, so every appended field follows a comma
        appendIfAbsent(out, fields.task, TASK, quotedTask);
        appendIfAbsent(out, fields.company, COMPANY, quotedCompany);
        appendIfAbsent(out, fields.metric, METRIC, EMPTY_TEXT);
        appendIfAbsent(out, fields.variant, VARIANT, EMPTY_TEXT);
        appendIfAbsent(out, fields.worker, WORKER, EMPTY_TEXT);
        appendIfAbsent(out, fields.modelEvent, MODEL_EVENT, FALSE);
        if (fields.atTimestamp < 0) {
            append(out, AT_TIMESTAMP, FlatJsonObject.quoted(atTimestamp.apply(event.integer(fields.timestamp))));
        }
        out.write('}');
        return out.toByteArray();
    }

    private static boolean isNullText(FlatJsonObject event, Fields fields, int field) {
        return (field == fields.metric || field == fields.variant || field == fields.worker)
                && event.kind(field) == Kind.NULL;
    }

    private static void appendIfAbsent(ByteArrayBuilder out, int field, byte[] name, byte[] value) {
        if (field < 0) {
            append(out, name, value);
        }
    }

    private static void append(ByteArrayBuilder out, byte[] name, byte[] value) {
        out.write(',');
        out.write(name);
        out.write(':');
        out.write(value);
    }

    /** Where the fields the rules touch are in the event (-1 when absent); null when the rules need the tree. */
    private record Fields(int type, int task, int company, int timestamp, int metric, int variant, int worker,
            int modelEvent, int iter, int atTimestamp, int xAxisLabel, int key, int value) {

        static @Nullable Fields of(FlatJsonObject event) {
            int type = event.indexOf(TYPE);
            int timestamp = event.indexOf(TIMESTAMP);
            int iter = event.indexOf(ITER);
            if (type < 0 || event.kind(type) != Kind.STRING || event.indexOf(TS) >= 0 || event.indexOf(VALUES) >= 0
                    || timestamp < 0 || event.kind(timestamp) != Kind.INTEGER
                    || iter >= 0 && event.kind(iter) != Kind.INTEGER && event.kind(iter) != Kind.NULL) {
                return null;
            }
            int metric = event.indexOf(METRIC);
            int variant = event.indexOf(VARIANT);
            int worker = event.indexOf(WORKER);
            if (!textOrNull(event, metric) || !textOrNull(event, variant) || !textOrNull(event, worker)) {
                return null;
            }
            return new Fields(type, event.indexOf(TASK), event.indexOf(COMPANY), timestamp, metric, variant, worker,
                    event.indexOf(MODEL_EVENT), iter, event.indexOf(AT_TIMESTAMP), event.indexOf(X_AXIS_LABEL),
                    event.indexOf(KEY), event.indexOf(VALUE));
        }

        private static boolean textOrNull(FlatJsonObject event, int field) {
            return field < 0 || event.kind(field) == Kind.STRING || event.kind(field) == Kind.NULL;
        }
    }
}
