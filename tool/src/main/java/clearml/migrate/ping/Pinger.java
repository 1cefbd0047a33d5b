package clearml.migrate.ping;

import clearml.migrate.events.EngineInfo;
import clearml.migrate.events.EventIndex;
import clearml.migrate.events.EventStore;
import clearml.migrate.failures.NotAClearmlStoreException;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoCapabilities;
import clearml.migrate.mongo.SchemaVersion;
import java.util.List;

/**
 * Checks a ClearML server's stores and reports their versions, capabilities, contents and how they were reached
 * (TLS, login); changes nothing.
 */
public final class Pinger {

    private final ClearmlMongo mongo;
    private final EventStore events;

    public Pinger(ClearmlMongo mongo, EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    /**
     * Asks each store what it is and what it holds, MongoDB first.
     *
     * @throws clearml.migrate.failures.MigrateException when a store is unreachable, refuses the credentials, or
     *     holds no ClearML data
     */
    public PingReport run() {
        mongo.requireClearml();
        String schema = mongo.schemaVersion().map(SchemaVersion::text).orElse(null);
        MongoCapabilities capabilities = mongo.capabilities();
        EngineInfo engine = events.info();
        List<EventIndex> indices = events.eventIndices();
        requireClearmlEvents(indices);
        return new PingReport(capabilities.version(), schema, mongo.companies(), engine, indices, capabilities,
                mongo.security(), events.client().security());
    }

    /** A ClearML cluster has event indices, or at least the templates the apiserver installs (data model §2.2). */
    private void requireClearmlEvents(List<EventIndex> indices) {
        if (indices.isEmpty() && !events.hasClearmlTemplates()) {
            throw new NotAClearmlStoreException("Elasticsearch at " + events.client().currentHost()
                    + " holds no ClearML event indices or templates; check --elastic-host");
        }
    }
}
