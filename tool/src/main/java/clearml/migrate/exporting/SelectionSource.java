package clearml.migrate.exporting;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a selection looks things up: the project tree and the tasks and models that live in it. {@code MongoSelectionSource}
 * reads a ClearML MongoDB; tests may back it with lists.
 */
public interface SelectionSource {

    /** Every project of every company. */
    ProjectTree projects();

    /** Every task whose project is one of {@code projectIds}, whatever its status or tags. */
    List<TaskRef> tasksInProjects(Collection<String> projectIds);

    /** Every task that has no project, of {@code company} or of every company when null. */
    List<TaskRef> tasksWithoutProject(@Nullable String company);

    /** The tasks whose id is {@code token}; when none, those named {@code token} (in {@code company} when given). */
    List<TaskRef> tasksByIdOrName(String token, @Nullable String company);

    /** The id and project of every model that lives in one of {@code projectIds}. */
    Map<String, String> modelsInProjects(Collection<String> projectIds);
}
