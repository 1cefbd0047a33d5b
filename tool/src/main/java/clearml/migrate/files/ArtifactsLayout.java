package clearml.migrate.files;

import clearml.migrate.failures.UsageException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How a target directory lays out its companies' files ({@code --artifacts-layout}). Open-source ClearML keeps
 * every company's files straight under the storage root; ClearML Enterprise adds one directory per company,
 * {@code <root>/<company id>/…} (data model §6.1). The URLs look the same in both [inferred, data model §6.1: the
 * Enterprise file server adds the company from the caller's token], so the layout applies only to a directory
 * target: an upload over HTTP always sends plain paths and lets the server place them.
 */
public enum ArtifactsLayout {
    /** Files under {@code <root>/<path>}: open source, and any upload over HTTP. The default. */
    FLAT,
    /** Files under {@code <root>/<company id>/<path>}: a ClearML Enterprise storage directory. */
    ENTERPRISE;

    /**
     * The file store that holds the company's files when {@code artifactsTo} is the storage root: the root itself,
     * or {@code <root>/<company id>} for Enterprise. Verify uses it to look where the import placed the files.
     */
    public String companyRoot(String artifactsTo, @Nullable String companyId) {
        if (this == FLAT) {
            return artifactsTo;
        }
        if (artifactsTo.startsWith("http://") || artifactsTo.startsWith("https://")) {
            throw new UsageException("--artifacts-layout enterprise applies to a directory given to --artifacts-to,"
                    + " not to " + artifactsTo + "; drop --artifacts-layout");
        }
        if (companyId == null || !RelativePaths.isSafe(companyId) || companyId.contains("/")) {
            throw new UsageException("--artifacts-layout enterprise needs the target company: give --company ID");
        }
        return Path.of(artifactsTo).resolve(companyId).toString();
    }

    /** The prefix to put before every path, checked against the target and the import's company. */
    String prefix(FileStore target, @Nullable String companyId) {
        if (this == FLAT) {
            return "";
        }
        if (!(target instanceof DirectoryFileStore)) {
            throw new UsageException("--artifacts-layout enterprise applies to a directory given to --artifacts-to, "
                    + "not to " + target.location() + ": over HTTP the Enterprise file server places files by the "
                    + "token's company itself; drop --artifacts-layout");
        }
        if (companyId == null || !RelativePaths.isSafe(companyId) || companyId.contains("/")) {
            throw new UsageException("--artifacts-layout enterprise needs the target company: give --company ID");
        }
        return companyId + "/";
    }
}
