package clearml.migrate.events;

/**
 * The two parts of a ClearML event index name: {@code events-<type>-<company>}.
 *
 * @param type the event type the index holds
 * @param company the company id as it appears in the name: lower-cased, {@code ""} for public data
 */
public record EventIndexName(EventType type, String company) {

    /** The index name, e.g. {@code events-log-d1bd92a3b039400cbafc60a7a5b1e52b}. */
    public String name() {
        return EventIndexNames.index(type, company);
    }
}
