package clearml.migrate.relinking;

import clearml.migrate.links.LinkPlace;
import clearml.migrate.mongo.Collections;
import java.util.List;

/**
 * The {@code backend} collections that hold URL places (data model §7.4), with the fields a relink reads: the
 * places' top-level fields, so the cursor carries no hyperparameters, scripts or metrics. {@code task__trash}
 * holds deleted tasks in the task shape.
 */
enum EntityCollection {
    PROJECT(Collections.PROJECT, LinkPlace.Holder.PROJECT, List.of("description", "default_output_destination", "logo_url")),
    TASK(Collections.TASK, LinkPlace.Holder.TASK, List.of("execution.artifacts", "output.destination", "report", "report_assets")),
    TASK_TRASH(Collections.TASK_TRASH, LinkPlace.Holder.TASK, TASK.fields),
    MODEL(Collections.MODEL, LinkPlace.Holder.MODEL, List.of("uri"));

    private final String collection;
    private final LinkPlace.Holder kind;
    private final List<String> fields;

    EntityCollection(String collection, LinkPlace.Holder kind, List<String> fields) {
        this.collection = collection;
        this.kind = kind;
        this.fields = fields;
    }

    String collection() {
        return collection;
    }

    LinkPlace.Holder kind() {
        return kind;
    }

    /** The fields holding this collection's URL places, as projection paths. */
    List<String> fields() {
        return fields;
    }

    /**
     * The fields a query can test for the old prefix. A task's artifacts are keyed by hashes (data model §1.2), so
     * no path names their {@code uri}s and tasks are checked client-side only.
     */
    List<String> searchableFields() {
        return kind == LinkPlace.Holder.TASK ? List.of() : fields;
    }
}
