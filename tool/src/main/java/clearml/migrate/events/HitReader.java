package clearml.migrate.events;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads one hit as it streams by: its index and id, and its {@code _source} as tokens, the parser standing on the
 * source's {@code START_OBJECT}; the reader must consume the object up to its {@code END_OBJECT}. Both engines send
 * {@code _index} and {@code _id} before {@code _source}.
 */
@FunctionalInterface
interface HitReader {
    void read(String index, String id, JsonParser source) throws IOException;
}
