package clearml.migrate.ping;

import clearml.migrate.events.EngineInfo;
import clearml.migrate.events.EventIndex;
import clearml.migrate.mongo.Company;
import clearml.migrate.mongo.MongoCapabilities;
import clearml.migrate.tls.ConnectionSecurity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ping} found on a ClearML server.
 *
 * @param mongoVersion the MongoDB server version
 * @param schemaVersion the newest ClearML schema-migration record (data model §8.2), or null on a fresh store
 * @param companies the companies in {@code backend.company}
 * @param engine the search engine's distribution and version
 * @param eventIndices the ClearML event indices with their document counts, by name
 * @param mongoCapabilities what the MongoDB server says it can do, and its size limits
 * @param mongoConnection how MongoDB was reached: TLS or not, trusting what, logged in how
 * @param engineConnection how the search engine was reached, likewise
 */
public record PingReport(String mongoVersion, @Nullable String schemaVersion, List<Company> companies,
        EngineInfo engine, List<EventIndex> eventIndices, MongoCapabilities mongoCapabilities,
        ConnectionSecurity mongoConnection, ConnectionSecurity engineConnection) {

    public PingReport {
        companies = List.copyOf(companies);
        eventIndices = List.copyOf(eventIndices);
    }

    /** The documents in all event indices. */
    public long events() {
        return eventIndices.stream().mapToLong(EventIndex::docs).sum();
    }
}
