package clearml.migrate.ping;

import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.SchemaVersion;

/** Checks a ClearML server's stores and reports their versions and contents; changes nothing. */
public final class Pinger {

    private final ClearmlMongo mongo;

    public Pinger(ClearmlMongo mongo) {
        this.mongo = mongo;
    }

    /**
     * Asks each store what it is and what it holds.
     *
     * @throws clearml.migrate.failures.MigrateException when a store is unreachable, refuses the credentials, or
     *     holds no ClearML data
     */
    public PingReport run() {
        mongo.requireClearml();
        String schema = mongo.schemaVersion().map(SchemaVersion::text).orElse(null);
        return new PingReport(mongo.serverVersion(), schema, mongo.companies());
    }
}
