package clearml.migrate.importing;

/**
 * What an import did (or, in a dry run, would do) with the entities of one kind.
 *
 * @param created     ids new to the target
 * @param overwritten ids the target had, replaced (not those it held already as the import would write them: see
 *                    {@link ImportReport#unchanged()})
 * @param merged      projects merged into an existing project of the same name
 * @param skipped     ids the target had, kept under {@code --on-conflict skip}
 */
public record EntityCounts(long created, long overwritten, long merged, long skipped) {

    public static final EntityCounts NONE = new EntityCounts(0, 0, 0, 0);

    /** These counts plus one entity handled by {@code action}. */
    public EntityCounts plus(EntityAction action) {
        return switch (action) {
            case CREATE -> new EntityCounts(created + 1, overwritten, merged, skipped);
            case OVERWRITE -> new EntityCounts(created, overwritten + 1, merged, skipped);
            case MERGE -> new EntityCounts(created, overwritten, merged + 1, skipped);
            case SKIP -> new EntityCounts(created, overwritten, merged, skipped + 1);
        };
    }

    /** These counts with {@code unchanged} of the overwritten ids found stored as they would have been written. */
    EntityCounts lessUnchanged(long unchanged) {
        return new EntityCounts(created, Math.max(0, overwritten - unchanged), merged, skipped);
    }

    public long total() {
        return created + overwritten + merged + skipped;
    }
}
