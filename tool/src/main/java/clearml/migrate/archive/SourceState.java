package clearml.migrate.archive;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source as an export saw it: every selected entity's change stamp per kind (the latest of its
 * {@code last_update}, {@code last_change} and {@code created}, as ISO text) and every task's and model's
 * {@link EventTally}. Kept whole in every archive, delta or not, so that any archive can be the base of the next
 * one.
 */
public record SourceState(Map<EntityKind, Map<String, String>> stamps, Map<String, EventTally> events) {

    public SourceState {
        Map<EntityKind, Map<String, String>> copy = new EnumMap<>(EntityKind.class);
        stamps.forEach((kind, byId) -> copy.put(kind, Map.copyOf(byId)));
        stamps = Map.copyOf(copy);
        events = Map.copyOf(new LinkedHashMap<>(events));
    }

    public Map<String, String> stamps(EntityKind kind) {
        return stamps.getOrDefault(kind, Map.of());
    }

    /** Whether a task or model may have events: it has a tally, or no tallies were read (the source cannot tell). */
    public boolean mayHaveEvents(String id) {
        return events.isEmpty() || events.containsKey(id);
    }
}
