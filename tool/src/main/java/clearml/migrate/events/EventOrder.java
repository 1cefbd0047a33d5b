package clearml.migrate.events;

/** The order in which an {@link EventScroll} returns events. */
public enum EventOrder {
    /** Index order ({@code sort: ["_doc"]}): the fastest full scan on both engines, no meaningful order. */
    INDEX,
    /** Ascending {@code timestamp} across all searched indices, as ClearML's exporter writes events (§4.4). */
    TIMESTAMP
}
