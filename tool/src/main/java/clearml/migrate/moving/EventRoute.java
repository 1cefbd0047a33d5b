package clearml.migrate.moving;

/**
 * The way events go in one move, and why it was taken.
 *
 * @param via {@link EventsVia#REINDEX} or {@link EventsVia#STREAM}, never {@code AUTO}
 * @param reason one sentence a report shows, e.g. "the target does not allow-list 10.0.0.5:9200"
 */
public record EventRoute(EventsVia via, String reason) {

    public EventRoute {
        if (via == EventsVia.AUTO) {
            throw new IllegalArgumentException("A route is reindex or stream");
        }
    }
}
