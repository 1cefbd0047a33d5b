package clearml.migrate.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The five kinds of ClearML task event, each stored in its own index family (clearml-data-model.md §2.1). */
public enum EventType {
    LOG("log"),
    TRAINING_STATS_SCALAR("training_stats_scalar"),
    /** Legacy vector events; no index template covers them since ClearML 1.15 (§2.2). */
    TRAINING_STATS_VECTOR("training_stats_vector"),
    TRAINING_DEBUG_IMAGE("training_debug_image"),
    PLOT("plot");

    private final String value;

    EventType(String value) {
        this.value = value;
    }

    /** The value of the event's {@code type} field and the middle part of its index name. */
    public String value() {
        return value;
    }

    /**
     * The type named by an event's {@code type} field. Spaces become underscores first, as ClearML's
     * {@code add_events} does (§2.3).
     *
     * @throws IllegalArgumentException for a type ClearML does not know
     */
    public static EventType fromValue(String value) {
        String normalized = value.replace(' ', '_');
        for (EventType type : values()) {
            if (type.value.equals(normalized)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown ClearML event type '" + value + "': expected one of " + allValues());
    }

    private static String allValues() {
        return Arrays.stream(values()).map(EventType::value).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return value;
    }
}
