package clearml.migrate.events;

/**
 * One ClearML event index as the engine lists it.
 *
 * @param name the index name
 * @param type the event type it holds
 * @param company the company id as the name has it (lower-cased; {@code ""} for public data)
 * @param docs the document count as of the index's last refresh
 */
public record EventIndex(String name, EventType type, String company, long docs) {
}
