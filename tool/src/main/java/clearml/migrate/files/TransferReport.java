package clearml.migrate.files;

import java.util.List;

/**
 * What {@link ArtifactCollector#transfer} did: the placement on the target store, the target paths that now hold
 * the referenced files (placed or already there), and the referenced files the source store did not have.
 */
public record TransferReport(PlacementReport placed, List<String> paths, List<MissingFile> missing) {

    public static final TransferReport NONE = new TransferReport(PlacementReport.NONE, List.of(), List.of());

    public TransferReport {
        paths = List.copyOf(paths);
        missing = List.copyOf(missing);
    }
}
