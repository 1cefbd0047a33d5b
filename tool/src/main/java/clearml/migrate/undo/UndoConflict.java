package clearml.migrate.undo;

/**
 * A document or event changed by someone else since the command wrote it.
 *
 * @param place where it lives: {@code backend.task}, or an event index
 * @param id its id
 * @param reason what differs
 */
public record UndoConflict(String place, String id, String reason) {
}
