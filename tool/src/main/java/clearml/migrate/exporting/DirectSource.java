package clearml.migrate.exporting;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EngineInfo;
import clearml.migrate.events.EventStore;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.mongo.SchemaVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The direct adapter of {@link ExportSource}: a server's MongoDB and search engine, read as ClearML stores them, so
 * nothing is left out. Events go through {@link StoreEventSource}, the bytes path the export benchmarks.
 */
public final class DirectSource implements ExportSource {

    private final ClearmlMongo mongo;
    private final @Nullable EventStore events;

    /**
     * @param mongo the server's MongoDB
     * @param events its event store; null, and never read, when the export leaves events out
     */
    public DirectSource(ClearmlMongo mongo, @Nullable EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    /** Resolving only reads, afresh on each attempt: safe to repeat while MongoDB is away. */
    @Override
    public Selection select(SelectionRequest request) {
        return mongo.retrying(() -> Selection.resolve(request, new MongoSelectionSource(mongo.backend())));
    }

    @Override
    public List<EntityKey> keys(EntityKind kind, Collection<String> ids) {
        return entities(kind).keys(ids);
    }

    @Override
    public void documents(EntityKind kind, List<EntityKey> keys, Consumer<Document> sink) {
        entities(kind).forEach(keys, sink);
    }

    @Override
    public Map<String, String> changeStamps(EntityKind kind, List<String> ids) {
        return ChangeStamps.read(mongo, collection(kind), ids);
    }

    @Override
    public SourceUsers users(@Nullable String company, boolean withCredentials) {
        return new UsersExport(mongo).read(company, withCredentials);
    }

    @Override
    public SourceVersions versions(boolean withEvents) {
        String schema = mongo.schemaVersion().map(SchemaVersion::text).orElse("");
        EngineInfo engine = withEvents ? eventStore().info() : null;
        return new SourceVersions(mongo.serverVersion(), schema,
                engine == null ? "" : engine.distribution(), engine == null ? "" : engine.version());
    }

    @Override
    public EventSource events() {
        return new StoreEventSource(eventStore());
    }

    /** MongoDB and the search engine hold everything an archive needs. */
    @Override
    public Map<String, Long> notReturned() {
        return Map.of();
    }

    private EventStore eventStore() {
        return Objects.requireNonNull(events, "the export asks for events, but no event store was given");
    }

    private SortedEntities entities(EntityKind kind) {
        return new SortedEntities(mongo, collection(kind));
    }

    /** The collection of each archived kind (data model §1.1). */
    static String collection(EntityKind kind) {
        return switch (kind) {
            case MODEL -> Collections.MODEL;
            case PROJECT -> Collections.PROJECT;
            case TASK -> Collections.TASK;
        };
    }
}
