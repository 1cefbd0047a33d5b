package clearml.migrate.moving;

import clearml.migrate.events.RemoteCluster;
import clearml.migrate.events.RemoteReindex;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.UsageException;
import java.util.List;
import java.util.Optional;

/**
 * Picks the way events go: the target engine's {@code _reindex} from the remote source when the target allows
 * it (its nodes allow-list the source's {@code host:port} and it runs painless), or within one cluster when source
 * and target are the same (a copy between companies: painless suffices), else streaming through the tool.
 * {@code --events-via reindex} that the target does not allow fails before anything is written.
 */
final class RouteChoice {

    private RouteChoice() {
    }

    /** The way for events from {@code source}; {@code sameCluster} when the target is the source's cluster. */
    static EventRoute choose(EventsVia asked, RemoteReindex target, RemoteCluster source, boolean sameCluster) {
        if (asked == EventsVia.STREAM) {
            return new EventRoute(EventsVia.STREAM, "asked for with --events-via stream");
        }
        Optional<String> obstacle = sameCluster ? painless(target) : obstacle(target, source);
        if (obstacle.isEmpty()) {
            return new EventRoute(EventsVia.REINDEX, sameCluster
                    ? "source and target are one cluster (" + source.hostAndPort() + "), which runs painless"
                    : "the target allow-lists the source " + source.hostAndPort() + " for _reindex and runs painless");
        }
        if (asked == EventsVia.REINDEX) {
            throw new UsageException("--events-via reindex is not possible: " + obstacle.get()
                    + " — configure the target so, or give --events-via stream");
        }
        return new EventRoute(EventsVia.STREAM, obstacle.get() + ", so events stream through the tool");
    }

    /** Why the target cannot reindex from the source, if it cannot. */
    private static Optional<String> obstacle(RemoteReindex target, RemoteCluster source) {
        List<List<String>> allowlists;
        try {
            allowlists = target.allowlists();
        } catch (StoreAccessDeniedException e) {
            return Optional.of("the target does not let this login read its node settings to see its"
                    + " reindex.remote.allowlist");
        }
        if (!allowlists.stream().allMatch(patterns -> RemoteReindex.matchesAny(patterns, source.hostAndPort()))) {
            return Optional.of("the target's reindex.remote.allowlist does not name the source " + source.hostAndPort());
        }
        return painless(target);
    }

    private static Optional<String> painless(RemoteReindex target) {
        return target.runsPainless() ? Optional.empty() : Optional.of("the target engine does not run painless scripts");
    }
}
