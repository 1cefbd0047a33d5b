package clearml.migrate.events;

/**
 * One action the engine refused.
 *
 * @param index the target index
 * @param id the document id
 * @param status the item's HTTP status
 * @param reason the engine's {@code type: reason}
 */
public record BulkFailure(String index, String id, int status, String reason) {
}
