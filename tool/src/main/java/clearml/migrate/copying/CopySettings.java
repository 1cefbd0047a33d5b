package clearml.migrate.copying;

import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.moving.EventsVia;
import clearml.migrate.proof.VerifySettings;

/**
 * What a copy reads and writes: the export's selection (its {@code --url-map} left empty: a copy rewrites links once,
 * on the import's side), the import's target choices ({@code archive} only names the run, {@code undoLog} is the
 * journal), how events travel and whether the target is verified at the end.
 */
public record CopySettings(ExportSettings export, ImportSettings target, EventsVia eventsVia, boolean verify) {

    /** The verify of what this copy wrote: the import's choices that change what it writes. */
    VerifySettings verifySettings() {
        return new VerifySettings(target.archive(), target.company(), target.user(), target.newIds(),
                target.importUsers(), target.urlMap(), target.targetVersion());
    }
}
