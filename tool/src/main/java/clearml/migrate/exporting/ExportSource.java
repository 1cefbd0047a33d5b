package clearml.migrate.exporting;

import clearml.migrate.archive.EntityKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * What a ClearML server gives an export: the source port between {@link Exporter} and a server (issue #15). The
 * {@link DirectSource} reads MongoDB and the search engine; {@code apisource.ApiSource} reads the REST API. Files
 * come through the {@code files.FileStore} port apart from this one. Documents are handed out in their stored form
 * (data model §1: dates as {@link java.util.Date}, user keys escaped, {@code _id} first), whatever the adapter had
 * to undo to get there, so the export writes the same archive from either; what a source cannot give at all is
 * counted in {@link #notReturned()}, never silently missing. The caller owns the stores behind it.
 */
public interface ExportSource {

    /** The selection resolved against the source's projects, tasks and models; only reads. */
    Selection select(SelectionRequest request);

    /** The keys of those of {@code ids} that exist, in no particular order; missing ids are absent. */
    List<EntityKey> keys(EntityKind kind, Collection<String> ids);

    /**
     * Hands each document to {@code sink} in the order of {@code keys}, holding a bounded batch at a time; a
     * document deleted since its key was read is skipped.
     */
    void documents(EntityKind kind, List<EntityKey> keys, Consumer<Document> sink);

    /**
     * When each of those of {@code ids} that exist last changed ({@link ChangeStamps}): what {@code export --since}
     * compares with the base archive's state (issue #16).
     */
    Map<String, String> changeStamps(EntityKind kind, List<String> ids);

    /** The users of {@code company}, or of every company the source shows when null. */
    SourceUsers users(@Nullable String company, boolean withCredentials);

    /** The server's versions; {@code events} whether the event store's version is asked for too. */
    SourceVersions versions(boolean events);

    /** The events of tasks and models; read only when the export asks for events. */
    EventSource events();

    /**
     * What this source could not give, per item (e.g. {@code task.company_origin}), with how many entities or users
     * it was missing from; empty when everything was given. Complete once the export has written its archives.
     */
    Map<String, Long> notReturned();
}
