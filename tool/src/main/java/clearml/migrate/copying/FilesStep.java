package clearml.migrate.copying;

import clearml.migrate.exporting.LiveExport;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.TransferReport;
import clearml.migrate.progress.Progress;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The files of one copy or sync pass: once the import has written (and so read) everything, the files the content
 * referred to move store to store, each recorded for undo before it is written. Without file servers it does
 * nothing.
 */
final class FilesStep {

    private final @Nullable FileServers servers;
    private final LiveExport content;
    private final Progress progress;
    private TransferReport report = TransferReport.NONE;

    FilesStep(@Nullable FileServers servers, LiveExport content, Progress progress) {
        this.servers = servers;
        this.content = content;
        this.progress = progress;
    }

    /** @param beforePut records, for undo, that the file at this path of the target store is about to be written */
    void run(String company, BiConsumer<FileStore, String> beforePut) {
        if (servers != null) {
            report = servers.move(content.fileReferences().orElseThrow(), company, beforePut, progress);
        }
    }

    /** What moved; {@link TransferReport#NONE} before {@link #run}, without file servers or on a dry run. */
    TransferReport report() {
        return report;
    }
}
