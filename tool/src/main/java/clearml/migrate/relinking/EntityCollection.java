package clearml.migrate.relinking;

import clearml.migrate.links.LinkPlace;
import clearml.migrate.mongo.Collections;
import java.util.List;

/**
 * The {@code backend} collections that hold URL places (data model §7.4), with the fields a relink reads: the
 * places' top-level containers ({@link LinkPlace#projection()}), so the cursor carries no hyperparameters, scripts
 * or metrics. {@code task__trash} holds deleted tasks in the task shape.
 */
enum EntityCollection {
    PROJECT(Collections.PROJECT, LinkPlace.Holder.PROJECT),
    TASK(Collections.TASK, LinkPlace.Holder.TASK),
    TASK_TRASH(Collections.TASK_TRASH, LinkPlace.Holder.TASK),
    MODEL(Collections.MODEL, LinkPlace.Holder.MODEL);

    private final String collection;
    private final LinkPlace.Holder kind;

    EntityCollection(String collection, LinkPlace.Holder kind) {
        this.collection = collection;
        this.kind = kind;
    }

    String collection() {
        return collection;
    }

    LinkPlace.Holder kind() {
        return kind;
    }

    /** The fields holding this collection's URL places, as projection paths. */
    List<String> fields() {
        return LinkPlace.of(kind).stream().map(LinkPlace::projection).distinct().toList();
    }

    /**
     * The fields a query can test for the old prefix: all of them, or none when some place lies under a
     * {@code *} (a task's artifacts are keyed by hashes, data model §1.2), so that such documents are checked
     * client-side.
     */
    List<String> searchableFields() {
        List<LinkPlace> places = LinkPlace.of(kind);
        return places.stream().allMatch(LinkPlace::searchable) ? fields() : List.of();
    }
}
