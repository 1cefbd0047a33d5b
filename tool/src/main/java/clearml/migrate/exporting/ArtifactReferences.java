package clearml.migrate.exporting;

import clearml.migrate.files.ArtifactCollector;
import clearml.migrate.files.ArtifactsReport;
import clearml.migrate.files.FileStore;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkScanner;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The file-server files one archive refers to, noted from each document and event before {@code --url-map}
 * rewrites it (the untranslated URL names the source's file, as in ClearML, data model §4.6), then copied into the
 * {@code .artifacts} companion (§3.10). Without a file store it notes nothing. Thread-safe: event workers share it.
 */
final class ArtifactReferences {

    private final LinkScanner scanner = new LinkScanner(LinkPlace.fileReferences());
    private final @Nullable ArtifactCollector collector;

    ArtifactReferences(@Nullable FileStore files, FileServerUrls urls) {
        this(files != null, urls);
    }

    ArtifactReferences(boolean collects, FileServerUrls urls) {
        this.collector = collects ? new ArtifactCollector(urls) : null;
    }

    /** The references noted so far, or null when none are noted. */
    @Nullable ArtifactCollector collector() {
        return collector;
    }

    /** Whether references are noted at all (there is a file store to copy them from). */
    boolean collects() {
        return collector != null;
    }

    synchronized void document(LinkPlace.Holder kind, Document document) {
        if (collector != null) {
            scanner.collectUrls(kind, document).forEach(url ->
                    collector.reference(url, kind.name().toLowerCase(java.util.Locale.ROOT) + " " + document.get("_id")));
        }
    }

    synchronized void event(ObjectNode event) {
        if (collector != null) {
            scanner.collectUrls(event).forEach(url -> collector.reference(url, "events of " + event.path("task").asText()));
        }
    }

    /** Writes the companion next to {@code archive}, or nothing when there is no store or no file was found. */
    @Nullable ArtifactsReport writeNextTo(Path archive, @Nullable FileStore files, Progress progress) {
        if (collector == null || files == null) {
            return null;
        }
        return collector.writeTo(files, clearml.migrate.archive.ArchiveNaming.artifacts(archive), progress);
    }
}
