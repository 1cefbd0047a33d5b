package clearml.migrate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * One {@code _reindex} into an index of the cluster that runs it, from a remote cluster or from its own indices:
 * which index and query at the source, how many events per batch, which index here, and the script applied to each
 * event on the way.
 * Events keep their {@code _id}s and overwrite what the destination holds under them ({@code op_type: index}), so
 * running a job again stores the same events.
 *
 * @param remote the cluster read from, or null for the cluster that runs the job
 * @param sourceIndex the index read at the remote
 * @param query the events read
 * @param batchSize events per scroll page at the remote; the remote's pages are buffered whole (at most 100 MiB)
 * @param destIndex the index written here
 * @param script the {@code script} object ({@code lang}, {@code source}, {@code params}), or null for none
 */
public record ReindexJob(@Nullable RemoteCluster remote, String sourceIndex, ObjectNode query, int batchSize, String destIndex,
        @Nullable ObjectNode script) {

    /** The request body; it holds the remote's login, so it is never logged. */
    ObjectNode body() {
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        ObjectNode source = body.putObject("source");
        if (remote != null) {
            ObjectNode remoteNode = source.putObject("remote");
            remoteNode.put("host", remote.host().toString());
            if (remote.authorization() != null) {
                remoteNode.putObject("headers").put("Authorization", remote.authorization());
            }
            remoteNode.put("socket_timeout", "5m").put("connect_timeout", "30s");
        }
        source.put("index", sourceIndex).put("size", batchSize);
        source.set("query", query);
        body.putObject("dest").put("index", destIndex).put("op_type", "index");
        if (script != null) {
            body.set("script", script);
        }
        return body;
    }

    @Override
    public String toString() {
        return "ReindexJob[" + (remote == null ? "local" : remote) + " " + sourceIndex + " -> " + destIndex + "]";
    }
}
