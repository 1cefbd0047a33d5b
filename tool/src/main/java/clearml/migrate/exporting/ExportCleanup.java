package clearml.migrate.exporting;

import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.mongo.DeclaredFields;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The changes the archive format requires on each exported copy (data model §4.3), and no others: {@code company}
 * is emptied, and {@code user} too unless users are exported. With {@code --for-clearml VERSION}, also what that
 * release's importer cannot read: every top-level field its models do not declare ({@link DeclaredFields}; its
 * importer stops half-way on one, §1.1), and {@code users.json} before 1.14, whose importer takes it for an entity
 * file (§3.3, §8.3); entity owners are then emptied as ClearML's exporters of those releases did. What is left
 * out is counted, per {@code collection.field}, for the summary.
 *
 * <p>Unlike ClearML's tool we keep task comments, status messages and reasons, output destinations and
 * {@code Exported:} tags (Issue #3: entities are written unchanged). {@code company_origin} and
 * {@code last_changed_by} are kept, as ClearML keeps them.
 */
final class ExportCleanup {

    /** The name under which a left-out {@code users.json} is counted (its auth users). */
    static final String USERS_JSON = "users.json";
    /** The first release whose importer reads {@code users.json} instead of failing on it (data model §8.3). */
    private static final ClearmlVersion FIRST_WITH_USERS = new ClearmlVersion(1, 14);

    private final boolean keepUsers;
    private final @Nullable ClearmlVersion forClearml;
    private final Map<String, Long> leftOut = new TreeMap<>();

    /** A cleanup for any ClearML importer; {@code users} whether {@code users.json} is asked for. */
    ExportCleanup(boolean users) {
        this(users, null);
    }

    /** A cleanup for the importer of {@code forClearml} (null: any release this tool knows). */
    ExportCleanup(boolean users, @Nullable ClearmlVersion forClearml) {
        this.forClearml = forClearml;
        this.keepUsers = users && writesUsersJson(forClearml);
    }

    /** Cleans an exported copy of a {@code collection} document (project, task, model) in place and returns it. */
    Document apply(String collection, Document copy) {
        // Every kind gets company "" (§4.3; before v1.14 projects were skipped by a typo, which we do not copy).
        copy.put("company", "");
        if (!keepUsers && copy.containsKey("user")) {
            copy.put("user", "");
        }
        if (forClearml != null) {
            Set<String> declared = DeclaredFields.of(collection, forClearml.generation());
            for (String field : List.copyOf(copy.keySet())) {
                if (!declared.contains(field)) {
                    copy.remove(field);
                    leave(collection + "." + field, 1);
                }
            }
        }
        return copy;
    }

    /** Whether {@code users.json} goes into the archive. */
    boolean keepsUsers() {
        return keepUsers;
    }

    /** Counts {@code count} items of {@code what} as left out. */
    void leave(String what, long count) {
        leftOut.merge(what, count, Long::sum);
    }

    /** What was left out so far, per {@code collection.field} or {@link #USERS_JSON}. */
    Map<String, Long> leftOut() {
        return Map.copyOf(leftOut);
    }

    private static boolean writesUsersJson(@Nullable ClearmlVersion forClearml) {
        return forClearml == null || forClearml.atLeast(FIRST_WITH_USERS);
    }
}
