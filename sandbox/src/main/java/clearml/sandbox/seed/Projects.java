package clearml.sandbox.seed;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Builds project documents that keep the hierarchy invariants of data model §1.3: {@code name == parent.name + "/" +
 * basename}, {@code parent == path[-1]}, {@code path == parent.path + [parent._id]}.
 */
final class Projects {

    private final Ids ids;
    private final SeededDocuments documents;
    private final FileServerFiles files;
    private final String fileserverUrl;

    Projects(Ids ids, SeededDocuments documents, FileServerFiles files, String fileserverUrl) {
        this.ids = ids;
        this.documents = documents;
        this.files = files;
        this.fileserverUrl = fileserverUrl;
    }

    /** A project at the root ({@code parent} absent, {@code path: []}). */
    Document root(Tenant tenant, String basename, List<String> systemTags, long created) {
        return project(tenant, null, basename, systemTags, created);
    }

    /** A project under {@code parent}, in the parent's company. */
    Document child(Tenant tenant, Document parent, String basename, List<String> systemTags, long created) {
        return project(tenant, parent, basename, systemTags, created);
    }

    /** Gives a project a markdown overview showing a file-server image, as the web UI's overview editor does. */
    void describe(Document project) {
        String image = files.url(project.getString("name") + "/overview/architecture diagram.png");
        project.put("description", "## " + project.getString("basename") + "\n\nThe model in one picture:\n\n![diagram]("
                + image + ")\n");
    }

    private Document project(Tenant tenant, @Nullable Document parent, String basename, List<String> systemTags,
            long created) {
        String name = parent == null ? basename : parent.getString("name") + "/" + basename;
        List<String> path = new ArrayList<>();
        if (parent != null) {
            path.addAll(parent.getList("path", String.class));
            path.add(parent.getString("_id"));
        }
        Document project = new Document("_id", ids.id()).append("company", tenant.id()).append("user", tenant.admin())
                .append("name", name).append("basename", basename).append("description", "")
                .append("created", new Date(created)).append("last_update", new Date(created + 60_000))
                .append("tags", List.of()).append("system_tags", List.copyOf(systemTags))
                .append("default_output_destination", fileserverUrl).append("featured", 9999);
        if (parent != null) {
            project.append("parent", parent.getString("_id"));
        }
        project.append("path", path);
        return documents.backend("project", project);
    }
}
