package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiIdentity;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.mongo.ServerGeneration;

/**
 * The server behind an API client as the import, verify and undo see it: its address, the company the caller's
 * key writes into (the API decides it from the key, never from a flag), and its server line.
 */
record ApiTarget(String server, String company) {

    static ApiTarget of(ApiClient client) {
        ApiIdentity identity = client.identity();
        String company = identity.companyId();
        if (company == null) {
            throw new StoreRequestException("the API login token names no company (" + client.host() + "): use a "
                    + "key of a user of the company to import into");
        }
        return new ApiTarget(client.host().toString(), company);
    }

    /**
     * The settings with the caller's company: a key writes into its own company, so {@code --company} only has to
     * agree with it.
     */
    ImportSettings settings(ImportSettings requested) {
        if (requested.company() != null && !requested.company().isEmpty() && !requested.company().equals(company)) {
            throw new clearml.migrate.failures.UsageException("--company differs from the API key's company ("
                    + requested.company() + " ≠ " + company + "): through the API a key writes into its own company;"
                    + " drop --company or use a key of that company");
        }
        return new ImportSettings(requested.archive(), company, requested.user(), requested.dryRun(),
                requested.onConflict(), requested.onProjectName(), requested.newIds(), requested.importUsers(),
                requested.artifactsTo(), requested.artifactsLayout(), requested.urlMap(), requested.undoLog(),
                requested.targetVersion());
    }

    /** The server line whose statistics the server rebuilds: {@code --target-version}, else 2.x (the API mode's). */
    ServerGeneration generation(ImportSettings settings) {
        ClearmlVersion version = settings.targetVersion();
        return version != null ? version.generation() : ServerGeneration.V2;
    }
}
