package clearml.migrate.copying;

import clearml.migrate.exporting.LiveExport;
import clearml.migrate.files.TransferReport;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.UndoJournal;
import org.jspecify.annotations.Nullable;

/**
 * The files of one copy or sync pass: once the import has written (and so read) everything, the files the content
 * referred to move store to store inside the import's journal. Without file servers it does nothing.
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

    void run(String company, UndoJournal journal) {
        if (servers != null) {
            report = servers.move(content.fileReferences().orElseThrow(), company, journal, progress);
        }
    }

    /** What moved; {@link TransferReport#NONE} before {@link #run}, without file servers or on a dry run. */
    TransferReport report() {
        return report;
    }
}
