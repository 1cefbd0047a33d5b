package clearml.migrate.exporting;

import clearml.migrate.mongo.Collections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Looks selections up in a ClearML {@code backend} database, reading only the fields the rules need. Id lists go
 * to the server in batches of at most {@value #BATCH} ({@code $in} costs grow with list length on some servers).
 */
public final class MongoSelectionSource implements SelectionSource {

    /** The largest {@code $in} list one query carries. */
    static final int BATCH = 1000;

    private final MongoCollection<Document> projects;
    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> models;

    public MongoSelectionSource(MongoDatabase backend) {
        this.projects = backend.getCollection(Collections.PROJECT);
        this.tasks = backend.getCollection(Collections.TASK);
        this.models = backend.getCollection(Collections.MODEL);
    }

    @Override
    public ProjectTree projects() {
        List<ProjectRef> all = new ArrayList<>();
        projects.find().projection(Projections.include("name", "company", "parent", "path"))
                .forEach(project -> all.add(ProjectRef.of(project)));
        return new ProjectTree(all);
    }

    @Override
    public List<TaskRef> tasksInProjects(Collection<String> projectIds) {
        List<TaskRef> found = new ArrayList<>();
        inBatches(projectIds, batch -> findTasks(Filters.in("project", batch), found));
        return found;
    }

    @Override
    public List<TaskRef> tasksWithoutProject(@Nullable String company) {
        // A missing project, null or "" all mean "at the root" to ClearML.
        Bson noProject = Filters.or(Filters.eq("project", null), Filters.eq("project", ""));
        List<TaskRef> found = new ArrayList<>();
        findTasks(company == null ? noProject : Filters.and(noProject, Filters.eq("company", company)), found);
        return found;
    }

    @Override
    public List<TaskRef> tasksByIdOrName(String token, @Nullable String company) {
        List<TaskRef> found = new ArrayList<>();
        findTasks(Filters.eq("_id", token), found);
        if (found.isEmpty()) {
            Bson named = Filters.eq("name", token);
            findTasks(company == null ? named : Filters.and(named, Filters.eq("company", company)), found);
        }
        return found;
    }

    @Override
    public Map<String, String> modelsInProjects(Collection<String> projectIds) {
        Map<String, String> homes = new LinkedHashMap<>();
        inBatches(projectIds, batch -> models.find(Filters.in("project", batch))
                .projection(Projections.include("project"))
                .forEach(model -> homes.put(model.getString("_id"), model.getString("project"))));
        return homes;
    }

    private void findTasks(Bson filter, List<TaskRef> into) {
        tasks.find(filter).projection(Projections.include(TaskRef.FIELDS)).forEach(task -> into.add(TaskRef.of(task)));
    }

    /** Calls {@code query} once per slice of at most {@value #BATCH} ids. */
    static void inBatches(Collection<String> ids, Consumer<List<String>> query) {
        List<String> all = List.copyOf(ids);
        for (int start = 0; start < all.size(); start += BATCH) {
            query.accept(all.subList(start, Math.min(all.size(), start + BATCH)));
        }
    }
}
