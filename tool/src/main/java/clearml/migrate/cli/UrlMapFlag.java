package clearml.migrate.cli;

import clearml.migrate.links.UrlMap;
import java.util.List;
import java.util.Map;

/** The {@code --url-map OLD=NEW} pairs of {@code import} and {@code verify}, which picocli gathers into a map. */
final class UrlMapFlag {

    private UrlMapFlag() {
    }

    /** The prefix pairs in the order given; refused with one line when one is not a pair of prefixes. */
    static UrlMap parse(Map<String, String> pairs) {
        List<String> flags = pairs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return UrlMap.parse(flags);
    }
}
