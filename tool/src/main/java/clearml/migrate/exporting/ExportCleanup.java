package clearml.migrate.exporting;

import org.bson.Document;

/**
 * The changes the archive format requires on each exported copy (data model §4.3), and no others: {@code company}
 * is emptied, and {@code user} too unless users are exported.
 *
 * <p>Unlike ClearML's tool we keep task comments, status messages and reasons, output destinations and
 * {@code Exported:} tags (Issue #3: entities are written unchanged). {@code company_origin} and
 * {@code last_changed_by} are kept, as ClearML keeps them.
 *
 * @param keepUsers whether {@code users.json} is written, so that owners stay meaningful
 */
public record ExportCleanup(boolean keepUsers) {

    /** Cleans an exported copy in place and returns it. */
    public Document apply(Document copy) {
        // Every kind gets company "" (§4.3; before v1.14 projects were skipped by a typo, which we do not copy).
        copy.put("company", "");
        if (!keepUsers && copy.containsKey("user")) {
            copy.put("user", "");
        }
        return copy;
    }
}
