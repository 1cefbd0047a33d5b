package clearml.migrate.events;

import java.time.Duration;

/**
 * How an {@link EventScroll} pages.
 *
 * @param pageSize events per request; pages are parsed as they arrive, so this does not bound the client's memory,
 *     but the engine builds each page whole (see {@link #forPageBytes})
 * @param keepAlive how long the engine keeps the scroll context between two pages
 * @param order the order of the events
 * @param prefetch whether the next page is asked for while this one is read
 */
public record ScrollOptions(int pageSize, Duration keepAlive, EventOrder order, boolean prefetch) {

    /** The most events one page may hold ({@code index.max_result_window}'s default). */
    public static final int MAX_PAGE_SIZE = 10_000;

    public ScrollOptions {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Scroll page size must be 1.." + MAX_PAGE_SIZE
                    + " (index.max_result_window), was " + pageSize);
        }
    }

    /** 5000 events per page, kept alive 5 minutes, in index order, no prefetch. */
    public static ScrollOptions defaults() {
        return new ScrollOptions(5000, Duration.ofMinutes(5), EventOrder.INDEX, false);
    }

    public ScrollOptions withPageSize(int size) {
        return new ScrollOptions(size, keepAlive, order, prefetch);
    }

    public ScrollOptions withOrder(EventOrder eventOrder) {
        return new ScrollOptions(pageSize, keepAlive, eventOrder, prefetch);
    }

    public ScrollOptions withPrefetch(boolean prefetchNextPage) {
        return new ScrollOptions(pageSize, keepAlive, order, prefetchNextPage);
    }

    /**
     * These options with pages of about {@code pageBytes}: a scroll's page size is fixed by its first request, so
     * it is computed from the average size of the events expected, between 1 and {@link #MAX_PAGE_SIZE} events.
     */
    public ScrollOptions forPageBytes(long pageBytes, long averageEventBytes) {
        long events = pageBytes / Math.max(1, averageEventBytes);
        return withPageSize((int) Math.max(1, Math.min(MAX_PAGE_SIZE, events)));
    }

    String keepAliveParameter() {
        return keepAlive.toSeconds() + "s";
    }
}
