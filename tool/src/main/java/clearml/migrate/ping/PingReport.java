package clearml.migrate.ping;

import clearml.migrate.mongo.Company;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ping} found on a ClearML server.
 *
 * @param mongoVersion the MongoDB server version
 * @param schemaVersion the newest ClearML schema-migration record (data model §8.2), or null on a fresh store
 * @param companies the companies in {@code backend.company}
 */
public record PingReport(String mongoVersion, @Nullable String schemaVersion, List<Company> companies) {

    public PingReport {
        companies = List.copyOf(companies);
    }
}
