package clearml.migrate.copying;

import clearml.migrate.files.ArtifactCollector;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.TransferReport;
import clearml.migrate.progress.Progress;
import java.util.function.BiConsumer;

/**
 * The source's and the target's file servers of a copy ({@code --artifacts-from}, {@code --artifacts-to}) and where
 * under the target the files go ({@code --artifacts-layout}). The caller owns the stores.
 */
public record FileServers(FileStore from, FileStore to, ArtifactsLayout layout) {

    /**
     * Moves the files {@code references} names from the source store to the target store, each recorded by
     * {@code beforePut} before it is written (the journal keeps a copy of the file it replaces), as an import's
     * placement is (data model §3.10).
     */
    TransferReport move(ArtifactCollector references, String company, BiConsumer<FileStore, String> beforePut,
            Progress progress) {
        return references.transfer(from, to, layout.prefix(to, company), path -> beforePut.accept(to, path),
                progress);
    }
}
