package clearml.migrate.files;

/**
 * What {@link ArtifactPlacer} did to the target file server.
 *
 * @param created   files that were not there before
 * @param replaced  files that held other bytes and now hold the archive's
 * @param unchanged files that already held the same bytes (a rerun)
 * @param bytes     bytes read from the companion, uncompressed, over all files
 */
public record PlacementReport(long created, long replaced, long unchanged, long bytes) {

    public static final PlacementReport NONE = new PlacementReport(0, 0, 0, 0);

    public long files() {
        return created + replaced + unchanged;
    }
}
