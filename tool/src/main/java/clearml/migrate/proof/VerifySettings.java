package clearml.migrate.proof;

import clearml.migrate.importing.ImportSettings;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlVersion;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What {@code clearml-migrate verify} compares: the archive, and the flags the import was given, which say how the
 * import changed the data on purpose (data model §5.1–§5.4).
 *
 * @param archive the archive that was imported
 * @param company the {@code --company} of the import, or null for public data (company {@code ""})
 * @param user    the {@code --user} of the import, or null
 * @param newIds  whether the import ran with {@code --new-ids}
 * @param users   whether the import ran with {@code --users}
 * @param urlMap  the {@code --url-map} of the import
 * @param targetVersion the {@code --target-version} of the import, or null to recognise the server line
 */
public record VerifySettings(Path archive, @Nullable String company, @Nullable String user, boolean newIds,
        boolean users, UrlMap urlMap, @Nullable ClearmlVersion targetVersion) {

    /** The settings of the import being verified, as far as they change what it writes. */
    public ImportSettings importSettings() {
        return ImportSettings.defaults(archive, company, user).withNewIds(newIds).withUsers(users)
                .withUrlMap(urlMap).withTargetVersion(targetVersion);
    }
}
