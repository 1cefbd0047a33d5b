package clearml.migrate.cli;

import clearml.migrate.links.UrlMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --url-map OLD=NEW} flag of {@code export}, {@code import} and {@code verify}, declared once. */
final class UrlMapFlag {

    // picocli writes the annotated field after construction, so it cannot be final.
    @Option(names = "--url-map", arity = "1..*", paramLabel = "OLD=NEW", order = 9,
            description = "Rewrite URLs that start with OLD to start with NEW (verify: the rewrite the import did).")
    Map<String, String> pairs = new LinkedHashMap<>();

    /** Whether the flag was given. */
    boolean given() {
        return !pairs.isEmpty();
    }

    /** The prefix pairs in the order given; refused with one line when one is not a pair of prefixes. */
    UrlMap urlMap() {
        List<String> flags = pairs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return UrlMap.parse(flags);
    }
}
