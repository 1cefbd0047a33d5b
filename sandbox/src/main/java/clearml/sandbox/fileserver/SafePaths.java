package clearml.sandbox.fileserver;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Werkzeug's {@code safe_join} as the file server uses it: a path relative to the storage root, or null (answered
 * 404) when it is absolute or climbs out of the root with {@code ..}.
 */
final class SafePaths {

    private SafePaths() {
    }

    static @Nullable Path resolve(Path root, String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
            return null;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
        }
        Path resolved = root.resolve(path).normalize();
        return resolved.startsWith(root) ? resolved : null;
    }
}
