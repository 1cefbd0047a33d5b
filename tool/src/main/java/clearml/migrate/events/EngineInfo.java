package clearml.migrate.events;

/**
 * What a search engine says about itself on {@code GET /}.
 *
 * @param distribution {@code elasticsearch} or {@code opensearch}
 * @param version the version number, e.g. {@code 7.17.29} or {@code 2.19.6}
 * @param clusterName the cluster's name
 */
public record EngineInfo(String distribution, String version, String clusterName) {

    public static final String ELASTICSEARCH = "elasticsearch";
    public static final String OPENSEARCH = "opensearch";

    public boolean isOpenSearch() {
        return OPENSEARCH.equals(distribution);
    }

    /** The major version number, 0 when the version is not a number. */
    public int majorVersion() {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
