package clearml.migrate.importing;

import clearml.migrate.failures.UsageException;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlVersion;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The settings an import writes into its undo journal's header, by flag name, and reads back so that
 * {@code verify} need not be given the import's flags again. Never a secret: the token and passwords are not
 * settings, and the user info of a URL ({@code s3://KEY:SECRET@bucket}) is written as {@code ***}; such a value
 * cannot be read back and has to be given again.
 */
public record JournalledSettings(Map<String, String> flags) {

    private static final String HIDDEN = "***@";

    public JournalledSettings {
        flags = Map.copyOf(flags);
    }

    /** What the journal of an import with these settings says. */
    public static JournalledSettings of(ImportSettings settings) {
        Map<String, String> flags = new TreeMap<>();
        flags.put("archive", settings.archive().toAbsolutePath().toString());
        if (settings.company() != null) {
            flags.put("company", settings.company());
        }
        if (settings.user() != null) {
            flags.put("user", settings.user());
        }
        flags.put("on-conflict", settings.onConflict().name());
        flags.put("on-project-name", settings.onProjectName().name());
        flags.put("new-ids", String.valueOf(settings.newIds()));
        flags.put("users", String.valueOf(settings.importUsers()));
        if (settings.artifactsTo() != null) {
            flags.put("artifacts-to", UrlMap.hideUserInfo(settings.artifactsTo()));
        }
        flags.put("artifacts-layout", settings.artifactsLayout().name());
        flags.put("url-map", String.join("\n", settings.urlMap().prefixes().stream()
                .map(p -> UrlMap.hideUserInfo(p.from()) + "=" + UrlMap.hideUserInfo(p.to())).toList()));
        if (settings.targetVersion() != null) {
            flags.put("target-version", settings.targetVersion().toString());
        }
        return new JournalledSettings(flags);
    }

    /** The archive the import read, as the journal names it. */
    public @Nullable Path archive() {
        String archive = flags.get("archive");
        return archive == null ? null : Path.of(archive);
    }

    /** {@code --company}, or null for a public import (journals before this field was optional wrote "null"). */
    public @Nullable String company() {
        String company = flags.get("company");
        return company == null || company.equals("null") ? null : company;
    }

    public @Nullable String user() {
        return flags.get("user");
    }

    public boolean newIds() {
        return Boolean.parseBoolean(flags.get("new-ids"));
    }

    public boolean users() {
        return Boolean.parseBoolean(flags.get("users"));
    }

    /** {@code --artifacts-to}, refused when the journal hides its user info. */
    public @Nullable String artifactsTo() {
        String artifactsTo = flags.get("artifacts-to");
        return artifactsTo == null ? null : readable("--artifacts-to", artifactsTo);
    }

    public ArtifactsLayout artifactsLayout() {
        return ArtifactsLayout.valueOf(flags.getOrDefault("artifacts-layout", "FLAT").toUpperCase(Locale.ROOT));
    }

    /** {@code --url-map}, refused when the journal hides the user info of a prefix. */
    public UrlMap urlMap() {
        String pairs = flags.getOrDefault("url-map", "");
        return pairs.isEmpty() ? UrlMap.empty()
                : UrlMap.parse(Arrays.stream(pairs.split("\n")).map(pair -> readable("--url-map", pair)).toList());
    }

    /** {@code --target-version}, or null when the import recognised the target's server line itself. */
    public @Nullable ClearmlVersion targetVersion() {
        String version = flags.get("target-version");
        return version == null ? null : ClearmlVersion.parse(version, "--target-version");
    }

    private static String readable(String flag, String value) {
        if (value.contains(HIDDEN)) {
            throw new UsageException("The undo journal hides the user info of the import's " + flag + " ('"
                    + value + "'); give " + flag + " again");
        }
        return value;
    }
}
