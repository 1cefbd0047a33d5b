package clearml.migrate.copying;

import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.ExportSource;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.progress.Progress;
import org.jspecify.annotations.Nullable;

/**
 * The {@code copy} use case: an export of the source read live ({@link LiveExport}) and written into the target
 * through its adapter of the target port ({@link CopyTarget}: directly, by the import's own pipeline, or through
 * the REST API, by the API import), so a copy writes what export + import write, with the same undo record and
 * rerun rules and no archive on disk; then a verify of the target against the source. Events of a source reached
 * directly may move engine to engine when the target allows it; otherwise they stream from the source port into
 * the import, read on their own threads while the import writes. The caller owns the stores.
 */
public final class Copier {

    private final ExportSource source;
    private final @Nullable EventStore sourceEvents;
    private final CopyTarget target;
    private final String toolVersion;

    /**
     * @param sourceEvents the source's search engine when it is reached directly (events may then move engine to
     *     engine), null through the REST API
     */
    public Copier(ExportSource source, @Nullable EventStore sourceEvents, CopyTarget target, String toolVersion) {
        this.source = source;
        this.sourceEvents = sourceEvents;
        this.target = target;
        this.toolVersion = toolVersion;
    }

    public CopyReport run(CopySettings settings, Progress progress) {
        EventStore apartFrom = target.eventsApartFrom(settings, sourceEvents);
        try (LiveExport content = LiveExport.open(source, settings.export(), apartFrom == null,
                target.copiesFiles(), toolVersion)) {
            return target.write(content, settings, apartFrom, null, progress);
        }
    }
}
