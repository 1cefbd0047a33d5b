package clearml.sandbox.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * HTTP errors a stand-in answers instead of serving a call, a given number of times per endpoint: what a rate-limited
 * or restarting server does to a client (429, 503). Thread-safe.
 */
public final class Faults {

    private final Map<String, Deque<Fault>> pending = new ConcurrentHashMap<>();

    /** The next {@code times} calls to {@code endpoint} answer {@code status} with no body a client could use. */
    public void inject(String endpoint, int status, int times) {
        inject(endpoint, status, times, null);
    }

    /** As {@link #inject(String, int, int)}, with a {@code Retry-After} header of {@code retryAfter} (whole seconds). */
    public void inject(String endpoint, int status, int times, @Nullable Duration retryAfter) {
        if (status < 400 || times < 1) {
            throw new IllegalArgumentException("a fault is an HTTP error (4xx/5xx) met at least once, not " + status
                    + " x" + times);
        }
        Deque<Fault> queue = pending.computeIfAbsent(endpoint, key -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new Fault(status, retryAfter));
            }
        }
    }

    /** Takes the fault the current call to {@code endpoint} meets, or null when it is served normally. */
    public @Nullable Fault take(String endpoint) {
        Deque<Fault> queue = pending.get(endpoint);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    /** Forgets every fault not met yet. */
    public void clear() {
        pending.clear();
    }

    /** One injected answer: its status and, when set, the {@code Retry-After} it carries. */
    public record Fault(int status, @Nullable Duration retryAfter) {
    }
}
