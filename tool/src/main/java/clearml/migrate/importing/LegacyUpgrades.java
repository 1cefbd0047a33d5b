package clearml.migrate.importing;

import clearml.migrate.mongo.HashedKeys;
import clearml.migrate.mongo.KeyEscaper;
import clearml.migrate.python.PythonFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Upgrades entity documents written by older ClearML servers to the shapes a current server stores, as ClearML's
 * importer does on every line (data model §5.4), plus the key escaping of server migration 1.0.0 (§8.2) for task
 * documents that predate it. Documents are changed in place; fields the upgrades do not name pass through.
 *
 * <p>One deviation from ClearML, for reproducible imports: a model entry made from a legacy {@code execution.model}
 * or {@code output.model} gets the task's {@code last_update} (else {@code created}) as {@code updated}, not the
 * time of the import, so importing the same archive twice stores the same document.
 */
public final class LegacyUpgrades {

    private static final String DEFAULT_SECTION = "Args";
    private static final String TF_DEFINE_SECTION = "TF_DEFINE";
    private static final String LEGACY_TYPE = "legacy";

    private final Date fallbackTime;

    /** @param fallbackTime the {@code updated} time of legacy model entries for tasks with no date at all */
    public LegacyUpgrades(Date fallbackTime) {
        this.fallbackTime = fallbackTime;
    }

    /** Upgrades a task: legacy parameters, artifact list, legacy models, docker command and 1.0.0 key escaping. */
    public Document upgradeTask(Document task) {
        boolean predatesEscaping = predatesVersion1(task);
        Document execution = subDocument(task, "execution");
        if (execution != null) {
            moveLegacyParameters(task, execution);
            keyArtifacts(execution);
        }
        moveLegacyModels(task, execution);
        moveDockerCommand(task, execution);
        if (predatesEscaping) {
            escapeKeysOf(task, "container");
            if (execution != null) {
                escapeKeysOf(execution, "model_labels");
            }
        }
        return task;
    }

    /** Upgrades a model: a list-shaped {@code metadata} becomes a map keyed by the escaped item key (1.3.0). */
    public Document upgradeModel(Document model) {
        if (model.get("metadata") instanceof List<?> items) {
            Document metadata = new Document();
            for (Object item : items) {
                if (item instanceof Map<?, ?> entry && entry.get("key") instanceof String key) {
                    metadata.put(KeyEscaper.escape(key), item);
                }
            }
            model.put("metadata", metadata);
        }
        return model;
    }

    /** Upgrades a project: a missing or empty {@code basename} becomes the last segment of its name (1.6.0). */
    public Document upgradeProject(Document project) {
        Object basename = project.get("basename");
        if ((basename == null || "".equals(basename)) && project.get("name") instanceof String name) {
            project.put("basename", name.substring(name.lastIndexOf('/') + 1));
        }
        return project;
    }

    /**
     * Whether a task was written before server 1.0.0, which escaped {@code container} and
     * {@code execution.model_labels} keys: it still carries a field 1.0.0 removed, an artifact list (pre 0.17), or
     * neither {@code models} nor {@code container}, which every later server fills in on export.
     */
    static boolean predatesVersion1(Document task) {
        Document execution = subDocument(task, "execution");
        Document output = subDocument(task, "output");
        boolean removedField = execution != null
                && (execution.containsKey("model") || execution.containsKey("docker_cmd")
                        || execution.get("artifacts") instanceof List)
                || output != null && output.containsKey("model");
        return removedField || !task.containsKey("models") && !task.containsKey("container");
    }

    private void moveLegacyParameters(Document task, Document execution) {
        if (execution.get("parameters") instanceof Map<?, ?> parameters && !parameters.isEmpty()) {
            Document hyperparams = subDocumentOrNew(task, "hyperparams");
            parameters.forEach((key, value) -> addHyperparam(hyperparams, String.valueOf(key), value));
            execution.put("parameters", new Document());
        }
        if (execution.get("model_desc") instanceof Map<?, ?> descriptions && !descriptions.isEmpty()) {
            Document configuration = subDocumentOrNew(task, "configuration");
            descriptions.forEach((key, value) -> addConfiguration(configuration, String.valueOf(key), value));
            execution.put("model_desc", new Document());
        }
    }

    /** {@code TF_DEFINE/x} goes to section {@code TF_DEFINE} as {@code x}; any other name to {@code Args} whole. */
    private static void addHyperparam(Document hyperparams, String fullName, @Nullable Object value) {
        int slash = fullName.indexOf('/');
        boolean tfDefine = slash >= 0 && fullName.substring(0, slash).equals(TF_DEFINE_SECTION);
        String section = tfDefine ? TF_DEFINE_SECTION : DEFAULT_SECTION;
        String name = tfDefine ? fullName.substring(slash + 1) : fullName;
        Document params = subDocumentOrNew(hyperparams, KeyEscaper.escape(section));
        params.putIfAbsent(KeyEscaper.escape(name), new Document("section", section).append("name", name)
                .append("value", PythonFormat.str(value)).append("type", LEGACY_TYPE));
    }

    private static void addConfiguration(Document configuration, String name, @Nullable Object value) {
        configuration.putIfAbsent(KeyEscaper.escape(name), new Document("name", name)
                .append("value", PythonFormat.str(value)).append("type", LEGACY_TYPE));
    }

    private static void keyArtifacts(Document execution) {
        if (execution.get("artifacts") instanceof List<?> artifacts) {
            Document keyed = new Document();
            for (Object artifact : artifacts) {
                if (artifact instanceof Document item) {
                    keyed.put(HashedKeys.artifact(item), item);
                    // mongoengine fills Artifact.mode's default on save (task.py: default "output")
                    item.putIfAbsent("mode", "output");
                }
            }
            execution.put("artifacts", keyed);
        }
    }

    private void moveLegacyModels(Document task, @Nullable Document execution) {
        Document models = subDocumentOrNew(task, "models");
        Object inputId = execution == null ? null : execution.remove("model");
        Document output = subDocument(task, "output");
        Object outputId = output == null ? null : output.remove("model");
        models.put("input", withLegacyModel(models.get("input"), inputId, "Input Model", true, task));
        models.put("output", withLegacyModel(models.get("output"), outputId, "Output Model", false, task));
    }

    private List<Object> withLegacyModel(@Nullable Object entries, @Nullable Object legacyId, String name,
            boolean first, Document task) {
        List<Object> kept = new ArrayList<>();
        if (entries instanceof List<?> list) {
            list.stream().filter(e -> e instanceof Map<?, ?> m && m.get("model") != null).forEach(kept::add);
        }
        boolean known = kept.stream().map(e -> (Map<?, ?>) e)
                .anyMatch(e -> e.get("model").equals(legacyId) || name.equals(e.get("name")));
        if (legacyId != null && !"".equals(legacyId) && !known) {
            Document entry = new Document("model", legacyId).append("name", name).append("updated", updatedTime(task));
            kept.add(first ? 0 : kept.size(), entry);
        }
        return kept;
    }

    private Date updatedTime(Document task) {
        if (task.get("last_update") instanceof Date date) {
            return date;
        }
        return task.get("created") instanceof Date date ? date : fallbackTime;
    }

    /** {@code docker_cmd} "image args…" becomes {@code container {image, arguments}} unless a container is set. */
    private static void moveDockerCommand(Document task, @Nullable Document execution) {
        Object command = execution == null ? null : execution.remove("docker_cmd");
        Object container = task.get("container");
        boolean containerEmpty = container == null || container instanceof Map<?, ?> map && map.isEmpty();
        if (command instanceof String text && !text.isEmpty() && containerEmpty) {
            int space = text.indexOf(' ');
            String image = space < 0 ? text : text.substring(0, space);
            String arguments = space < 0 ? "" : text.substring(space + 1);
            task.put("container", new Document("image", image).append("arguments", arguments));
        }
    }

    private static void escapeKeysOf(Document parent, String field) {
        if (parent.get(field) instanceof Map<?, ?> map && !map.isEmpty()) {
            Document escaped = new Document();
            map.forEach((key, value) -> escaped.put(KeyEscaper.escape(String.valueOf(key)), value));
            parent.put(field, escaped);
        }
    }

    private static @Nullable Document subDocument(Document parent, String field) {
        return parent.get(field) instanceof Document document ? document : null;
    }

    private static Document subDocumentOrNew(Document parent, String field) {
        Document existing = subDocument(parent, field);
        if (existing != null) {
            return existing;
        }
        Document created = new Document();
        if (parent.get(field) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> created.put(String.valueOf(key), value));
        }
        parent.put(field, created);
        return created;
    }
}
