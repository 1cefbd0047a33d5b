package clearml.sandbox.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The endpoints the stand-in serves, by name; each service adds its own. */
final class EndpointTable {

    private final Map<String, Endpoint> endpoints = new TreeMap<>();

    /** An endpoint that exists since API 1.0 and needs a caller of any role. */
    void add(String name, Endpoint.Action action) {
        add(name, "1.0", action);
    }

    void add(String name, String minVersion, Endpoint.Action action) {
        put(new Endpoint(name, minVersion, true, List.of(), action));
    }

    /** An endpoint the server serves without credentials ({@code authorize: false}). */
    void open(String name, Endpoint.Action action) {
        put(new Endpoint(name, "1.0", false, List.of(), action));
    }

    /** An endpoint only {@code roles} may call; others get 403/20. */
    void restricted(String name, List<String> roles, Endpoint.Action action) {
        put(new Endpoint(name, "1.0", true, List.copyOf(roles), action));
    }

    @Nullable Endpoint find(String name) {
        return endpoints.get(name);
    }

    java.util.Set<String> names() {
        return endpoints.keySet();
    }

    private void put(Endpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
            throw new IllegalStateException("endpoint " + endpoint.name() + " registered twice");
        }
    }
}
