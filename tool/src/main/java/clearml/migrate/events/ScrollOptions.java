package clearml.migrate.events;

import java.time.Duration;

/**
 * How an {@link EventScroll} pages.
 *
 * @param pageSize events per request; pages are parsed as they arrive, so this does not bound memory
 * @param keepAlive how long the engine keeps the scroll context between two pages
 * @param order the order of the events
 */
public record ScrollOptions(int pageSize, Duration keepAlive, EventOrder order) {

    public ScrollOptions {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("Scroll page size must be 1..10000 (index.max_result_window), was " + pageSize);
        }
    }

    /** 5000 events per page, kept alive 5 minutes, in index order. */
    public static ScrollOptions defaults() {
        return new ScrollOptions(5000, Duration.ofMinutes(5), EventOrder.INDEX);
    }

    public ScrollOptions withPageSize(int size) {
        return new ScrollOptions(size, keepAlive, order);
    }

    public ScrollOptions withOrder(EventOrder eventOrder) {
        return new ScrollOptions(pageSize, keepAlive, eventOrder);
    }

    String keepAliveParameter() {
        return keepAlive.toSeconds() + "s";
    }
}
