package clearml.sandbox.seed;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** The shape of model documents (data model §1.5). */
final class ModelDocs {

    private final Ids ids;

    ModelDocs(Ids ids) {
        this.ids = ids;
    }

    /**
     * A published model with a current-schema {@code metadata} map and the empty statistics a 2.x server's save
     * writes; {@code task} absent for standalone models.
     */
    Document model(String company, String user, @Nullable String project, @Nullable String task, String name,
            String uri, long created) {
        Document model = new Document("_id", ids.id()).append("company", company).append("user", user)
                .append("name", name);
        if (project != null) {
            model.append("project", project);
        }
        if (task != null) {
            model.append("task", task);
        }
        return model.append("created", new Date(created)).append("comment", "seeded model")
                .append("tags", List.of()).append("system_tags", List.of()).append("uri", uri)
                .append("framework", "PyTorch").append("design", new Document("design", "resnet50 backbone"))
                .append("labels", new Document("cat", 0).append("dog", 1)).append("ready", true)
                .append("last_update", new Date(created + 60_000)).append("last_change", new Date(created + 60_000))
                .append("last_changed_by", user).append("ui_cache", new Document())
                .append("metadata", new Document("epochs", entry("epochs", "int", "30"))
                        .append("input size", entry("input size", "str", "224x224")))
                .append("last_iteration", 0).append("last_metrics", new Document())
                .append("unique_metrics", List.of());
    }

    /** Before schema 1.3 model metadata was a list of entries (data model §8.2). */
    static void makeMetadataLegacy(Document model) {
        model.put("metadata", List.of(entry("epochs", "int", "12")));
    }

    private static Document entry(String key, String type, String value) {
        return new Document("key", key).append("type", type).append("value", value);
    }
}
