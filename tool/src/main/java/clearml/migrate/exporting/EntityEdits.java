package clearml.migrate.exporting;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.links.LinkPlace;
import org.bson.Document;

/**
 * What an export does to an entity document on its way out, in one place for the archive and for a live copy:
 * projects trimmed to the selection (data model §4.2), URLs noted for the {@code .artifacts} companion before
 * {@code --url-map} rewrites them (the old URL names the file), then the cleanup of §4.3.
 */
final class EntityEdits {

    private final HierarchyTrim trim;
    private final ExportLinks links;
    private final ArtifactReferences references;
    private final ExportCleanup cleanup;

    EntityEdits(HierarchyTrim trim, ExportLinks links, ArtifactReferences references, ExportCleanup cleanup) {
        this.trim = trim;
        this.links = links;
        this.references = references;
        this.cleanup = cleanup;
    }

    /** The document as the export writes it; {@code document} is changed on the way. */
    Document apply(EntityKind kind, Document document) {
        switch (kind) {
            case MODEL -> {
                references.document(LinkPlace.Holder.MODEL, document);
                links.model(document);
            }
            case PROJECT -> {
                trim.apply(document);
                references.document(LinkPlace.Holder.PROJECT, document);
                links.project(document);
            }
            case TASK -> {
                references.document(LinkPlace.Holder.TASK, document);
                links.task(document);
            }
        }
        return cleanup.apply(DirectSource.collection(kind), document);
    }
}
