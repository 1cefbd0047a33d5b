package clearml.migrate.events;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads one stored event as it streams by, without building a tree: the parser stands on the
 * {@code START_OBJECT} of the hit's {@code _source}, and the reader must consume the object up to its
 * {@code END_OBJECT}.
 */
@FunctionalInterface
public interface SourceReader {
    void read(JsonParser source) throws IOException;
}
