package clearml.migrate.relinking;

import clearml.migrate.failures.UsageException;
import clearml.migrate.links.UrlMap;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code relink} run does.
 *
 * @param hostSource the URL prefix stored now ({@code --host-source})
 * @param hostTarget the prefix stored instead ({@code --host-target})
 * @param dryRun whether to count and sample only, writing nothing
 * @param companies the companies whose data is relinked; empty means all (see {@link CompanyScope})
 * @param undoLog the undo journal to write, or null for none; the command line always names one
 *     ({@code --undo-log}, else {@code relink-<UTC time>.undo.jsonl.gz} in the working directory)
 */
public record RelinkSettings(String hostSource, String hostTarget, boolean dryRun, List<String> companies,
        @Nullable Path undoLog) {

    /** How many before → after examples the report keeps per place. */
    public static final int SAMPLES_PER_PLACE = 3;

    /**
     * @throws UsageException when a prefix is not a URL prefix, or when the target itself starts with the source:
     *     a second run would then rewrite the rewritten URLs again, and relink must be safe to repeat
     */
    public RelinkSettings {
        companies = List.copyOf(companies);
        UrlMap map = UrlMap.of(hostSource, hostTarget);
        if (map.rewrite(hostTarget).isPresent() || map.rewrite(hostTarget + "/x").isPresent()) {
            // the prefixes are not echoed: they may carry user:password@
            throw new UsageException("--host-target starts with --host-source, so a second relink would rewrite "
                    + "the new URLs again; relink to an unrelated prefix, or in two steps through a temporary one");
        }
    }

    /** Settings that write no undo journal. */
    public RelinkSettings(String hostSource, String hostTarget, boolean dryRun, List<String> companies) {
        this(hostSource, hostTarget, dryRun, companies, null);
    }

    /**
     * The part of the source every matching value contains: the prefix without one trailing slash, which the link
     * engine ignores too (see {@link UrlMap}).
     */
    public String searchedPrefix() {
        boolean slash = hostSource.endsWith("/") && !hostSource.endsWith("://");
        return slash ? hostSource.substring(0, hostSource.length() - 1) : hostSource;
    }

    /** The one translation, as the link engine takes it. */
    public UrlMap urlMap() {
        return UrlMap.of(hostSource, hostTarget);
    }
}
