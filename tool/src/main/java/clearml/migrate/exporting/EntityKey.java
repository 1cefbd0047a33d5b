package clearml.migrate.exporting;

import java.util.Arrays;
import java.util.Comparator;

/**
 * What an export needs to know of a project, task or model before writing it; a source hands these out
 * ({@link ExportSource#keys}) and the export decides the archive order on them.
 *
 * @param name the sort name (ClearML sorts by {@code attrgetter("name", "id")}, comparing code points, data model §3.3)
 * @param id the id
 * @param stamp its {@code last_update}, else {@code created}, as the {@code .map} file keeps it (§3.9); {@code ""}
 *     when it has neither
 * @param indexCompany the company whose event indices hold its events: {@code company}, else {@code company_origin}
 *     (§1.2)
 */
public record EntityKey(String name, String id, String stamp, String indexCompany) {

    /** ClearML's archive order: by name, then id, comparing code points. */
    public static final Comparator<EntityKey> ORDER = Comparator.comparing(EntityKey::name, EntityKey::byCodePoint)
            .thenComparing(EntityKey::id, EntityKey::byCodePoint);

    /** This key under another sort name (a trimmed project's). */
    public EntityKey named(String newName) {
        return new EntityKey(newName, id, stamp, indexCompany);
    }

    static int byCodePoint(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
