package clearml.sandbox.api;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The positions of {@code get_all} scrolls ({@code GetMixin.get_data_with_scroll_support}, kept in Redis by the
 * server): an unknown or expired scroll id starts a new scroll from the beginning, as the server's does.
 */
final class ScrollStates {

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Duration lifetime;

    ScrollStates(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** The scroll {@code id} names, or a new one at position 0. */
    State find(@Nullable String id) {
        long now = System.nanoTime();
        states.values().removeIf(state -> state.expiresAt() < now);
        State state = id == null ? null : states.get(id);
        return state != null ? state : new State(UUID.randomUUID().toString().replace("-", ""), 0, now);
    }

    /** Keeps {@code position} for scroll {@code id} for another lifetime. */
    void save(String id, long position) {
        states.put(id, new State(id, position, System.nanoTime() + lifetime.toNanos()));
    }

    void clear() {
        states.clear();
    }

    /** A scroll's id, how many items it has handed out, and when it expires ({@link System#nanoTime()}). */
    record State(String id, long position, long expiresAt) {
    }
}
