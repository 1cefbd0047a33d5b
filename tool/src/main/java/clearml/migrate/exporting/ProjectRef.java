package clearml.migrate.exporting;

import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The few fields of a ClearML project that selection and hierarchy trimming reason about (data model §1.3).
 *
 * @param id the project id
 * @param name the full path name, e.g. {@code A/B/C}
 * @param company the owning company, {@code ""} when public
 * @param parent the direct parent's id, or null for a root project
 * @param path the ancestors' ids, root first, ending with the parent; empty for a root project
 */
public record ProjectRef(String id, String name, String company, @Nullable String parent, List<String> path) {

    public ProjectRef {
        path = List.copyOf(path);
    }

    /** Reads the view from a project document; missing fields read as empty. */
    public static ProjectRef of(Document project) {
        return new ProjectRef(project.getString("_id"), text(project, "name"), text(project, "company"),
                project.getString("parent"), project.getList("path", String.class, List.of()));
    }

    public boolean isRoot() {
        return parent == null || parent.isEmpty();
    }

    private static String text(Document document, String key) {
        String value = document.getString(key);
        return value == null ? "" : value;
    }
}
