package clearml.migrate.apisource;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiIdentity;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.exporting.EntityKey;
import clearml.migrate.exporting.EventSource;
import clearml.migrate.exporting.ExportSource;
import clearml.migrate.exporting.Selection;
import clearml.migrate.exporting.SelectionRequest;
import clearml.migrate.exporting.SourceUsers;
import clearml.migrate.exporting.SourceVersions;
import clearml.migrate.failures.UsageException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The REST-API adapter of {@link ExportSource}: a ClearML server read through its API (issue #15), for servers whose
 * stores cannot be opened. It sees what the caller's key sees: the key's company and public entities. Documents
 * come back in their stored form ({@link StoredForm}); what the API does not return is counted in
 * {@link #notReturned()}: the auth users' fields ({@link ApiUsers}) and the store versions {@code metadata.json}
 * records. Thread-safe as far as the export needs: events are read by several workers.
 */
public final class ApiSource implements ExportSource {

    static final String VERSIONS = "metadata.json source versions (MongoDB, schema, search engine)";

    private final ApiClient client;
    private final ApiLists lists;
    private final ApiEntities entities;
    private final Map<String, Long> notReturned = new TreeMap<>();

    /** @param client the server's API, owned by the caller */
    public ApiSource(ApiClient client) {
        this.client = client;
        this.lists = new ApiLists(client);
        this.entities = new ApiEntities(lists);
    }

    /** {@code --company} can only name the key's own company: the server shows no other. */
    @Override
    public Selection select(SelectionRequest request) {
        String company = request.company();
        ApiIdentity caller = client.identity();
        if (company != null && caller.companyId() != null && !company.equals(caller.companyId())) {
            throw new UsageException("--company " + company + " is not the company of the API key "
                    + client.settings().credentials().accessKey() + " (" + caller.companyId() + "), and the API "
                    + "shows no other company's data: use a key of that company, or drop --company");
        }
        return Selection.resolve(request, new ApiSelectionSource(lists));
    }

    @Override
    public List<EntityKey> keys(EntityKind kind, Collection<String> ids) {
        return entities.keys(kind, ids);
    }

    @Override
    public void documents(EntityKind kind, List<EntityKey> keys, Consumer<Document> sink) {
        entities.documents(kind, keys, sink);
    }

    @Override
    public Map<String, String> changeStamps(EntityKind kind, List<String> ids) {
        return entities.changeStamps(kind, ids);
    }

    @Override
    public SourceUsers users(@Nullable String company, boolean withCredentials) {
        SourceUsers users = new ApiUsers(lists).read();
        missing(ApiUsers.NOT_RETURNED, users.auth().size());
        if (withCredentials) {
            missing(ApiUsers.CREDENTIALS, users.auth().size());
        }
        return users;
    }

    /** The API names the server's version, not its stores'. */
    @Override
    public SourceVersions versions(boolean events) {
        missing(VERSIONS, 1);
        return new SourceVersions("", "", "", "");
    }

    @Override
    public EventSource events() {
        return new ApiEventSource(client);
    }

    @Override
    public synchronized Map<String, Long> notReturned() {
        return Map.copyOf(notReturned);
    }

    private synchronized void missing(String what, long count) {
        if (count > 0) {
            notReturned.merge(what, count, Long::sum);
        }
    }
}
