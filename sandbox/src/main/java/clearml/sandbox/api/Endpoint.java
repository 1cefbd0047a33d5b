package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One endpoint as the server registers it ({@code service_repo/endpoint.py}): its name, the lowest API version that
 * has it, whether it needs a caller, the roles it allows (all when empty) and what it does.
 */
record Endpoint(String name, String minVersion, boolean authorize, List<String> roles, Action action) {

    /** What an endpoint does with a call: the {@code data} of the answer, null for {@code {}}. */
    @FunctionalInterface
    interface Action {
        @Nullable JsonNode serve(ApiCall call);
    }

    /** Whether a call asking for {@code version} reaches this endpoint. */
    boolean servesVersion(String version) {
        return compare(minVersion, version) <= 0;
    }

    /** Compares two {@code major.minor} versions numerically. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        int major = Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
        if (major != 0) {
            return major;
        }
        return Integer.compare(a.length > 1 ? Integer.parseInt(a[1]) : 0, b.length > 1 ? Integer.parseInt(b[1]) : 0);
    }
}
