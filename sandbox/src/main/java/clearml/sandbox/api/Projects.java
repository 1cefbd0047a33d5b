package clearml.sandbox.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/** {@code bll/util.py update_project_time}: a write to a project's task or model bumps its {@code last_update}. */
final class Projects {

    private Projects() {
    }

    static void touch(Store store, @Nullable String projectId, Date now) {
        if (projectId != null) {
            store.projects().updateOne(Filters.eq("_id", projectId), Updates.set("last_update", now));
        }
    }
}
