package clearml.migrate.cli;

import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.importing.JournalledSettings;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlVersion;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The eight flags that say how an archive is imported, declared once for {@code import}, which acts on them, and
 * {@code verify}, which expects what they did. {@code verify} may take them from the import's undo journal
 * instead; a flag given on the command line wins.
 */
final class ImportChoices {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--company", paramLabel = "ID", order = 1, description = "The company that owns the imported "
            + "data. Without it the data becomes public, read-only \"Examples\" (company \"\").")
    @Nullable String company;

    @Option(names = "--user", paramLabel = "ID", order = 2, description = "The user that owns the imported data.")
    @Nullable String user;

    @Option(names = "--new-ids", order = 6, description = "Every imported entity gets a new id, derived from the "
            + "company and its archived id: a copy next to the originals, and a rerun converges.")
    boolean newIds;

    @Option(names = "--users", order = 7, description = "The archive's users (users.json) are imported too.")
    boolean users;

    @Option(names = "--artifacts-to", paramLabel = "DIR|URL", order = 8, description = "The target's file server: "
            + "its data directory or its URL, which receives FILE.artifacts.")
    @Nullable String artifactsTo;

    @Option(names = "--artifacts-layout", paramLabel = "flat|enterprise", order = 8,
            description = "Where under the --artifacts-to directory the files go: flat (open source, default) or "
                    + "enterprise (DIR/<company id>/..., as ClearML Enterprise keeps them; needs --company).")
    @Nullable String artifactsLayout;

    @Mixin
    UrlMapFlag urlMap = new UrlMapFlag();

    @Option(names = "--target-version", paramLabel = "VERSION", order = 11, description = "The target's ClearML "
            + "release, e.g. 1.16 or 2.0, whose statistics the import writes (default: recognised from its stores).")
    @Nullable String targetVersion;

    @Nullable String company(@Nullable JournalledSettings journal) {
        return company != null || journal == null ? company : journal.company();
    }

    @Nullable String user(@Nullable JournalledSettings journal) {
        return user != null || journal == null ? user : journal.user();
    }

    boolean newIds(@Nullable JournalledSettings journal) {
        return newIds || journal != null && journal.newIds();
    }

    boolean users(@Nullable JournalledSettings journal) {
        return users || journal != null && journal.users();
    }

    @Nullable String artifactsTo(@Nullable JournalledSettings journal) {
        return artifactsTo != null || journal == null ? artifactsTo : journal.artifactsTo();
    }

    ArtifactsLayout artifactsLayout(@Nullable JournalledSettings journal) {
        if (artifactsLayout == null && journal != null) {
            return journal.artifactsLayout();
        }
        return KebabChoice.parse(ArtifactsLayout.class, "--artifacts-layout", artifactsLayout == null ? "flat"
                : artifactsLayout);
    }

    UrlMap urlMap(@Nullable JournalledSettings journal) {
        return urlMap.given() || journal == null ? urlMap.urlMap() : journal.urlMap();
    }

    @Nullable ClearmlVersion targetVersion(@Nullable JournalledSettings journal) {
        if (targetVersion == null) {
            return journal == null ? null : journal.targetVersion();
        }
        return ClearmlVersion.parse(targetVersion, "--target-version");
    }
}
