package clearml.migrate.moving;

import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkTally;
import java.util.List;

/**
 * What one {@link Slice} wrote.
 *
 * @param type the slice's event type
 * @param via the way it went
 * @param written events written to the target
 * @param failures why events were not written (the first few), empty when all were
 * @param links the links the tool rewrote (streamed slices only; the engine's script does not count)
 */
record SliceResult(EventType type, EventsVia via, long written, List<String> failures, LinkTally links) {

    SliceResult {
        failures = List.copyOf(failures);
    }
}
