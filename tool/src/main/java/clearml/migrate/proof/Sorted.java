package clearml.migrate.proof;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Immutable copies of maps in key order, so reports render and serialise the same way every time. */
final class Sorted {

    private Sorted() {
    }

    static <V> Map<String, V> map(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
