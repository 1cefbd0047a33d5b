package clearml.migrate.exporting;

/**
 * The versions of the server an archive was exported from, recorded in {@code metadata.json} so that an import can
 * tell which upgrades the data may need.
 *
 * @param mongodb the MongoDB server version, e.g. {@code 5.0.0}
 * @param schemaVersion ClearML's newest schema-migration record (data model §8.2), or {@code ""} when none
 * @param engineDistribution {@code elasticsearch} or {@code opensearch}
 * @param engineVersion the search engine's version, e.g. {@code 7.17.29}
 */
public record SourceVersions(String mongodb, String schemaVersion, String engineDistribution, String engineVersion) {
}
