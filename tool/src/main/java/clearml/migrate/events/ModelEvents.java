package clearml.migrate.events;

/** Which events a query keeps with respect to {@code model_event} (clearml-data-model.md §2.6). */
public enum ModelEvents {
    /** Both task and model events; ClearML's exporter queries by task id only and so never meets model events. */
    ANY,
    /** Only events whose {@code model_event} is not true (events older than ClearML 1.8 lack the field). */
    EXCLUDED,
    /** Only events with {@code model_event: true}. */
    ONLY
}
