package clearml.sandbox.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many calls each endpoint received, faulted ones included; thread-safe. */
public final class CallCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String endpoint) {
        counts.computeIfAbsent(endpoint, key -> new LongAdder()).increment();
    }

    /** The calls {@code endpoint} received since the start or the last {@link #clear()}. */
    public long count(String endpoint) {
        LongAdder adder = counts.get(endpoint);
        return adder == null ? 0 : adder.sum();
    }

    /** Every endpoint called, sorted by name, with its count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((endpoint, adder) -> copy.put(endpoint, adder.sum()));
        return copy;
    }

    public void clear() {
        counts.clear();
    }
}
