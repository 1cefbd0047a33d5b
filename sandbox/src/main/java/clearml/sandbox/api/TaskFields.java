package clearml.sandbox.api;

import clearml.sandbox.Hashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A task's fields between the API and MongoDB ({@code services/tasks.py} {@code prepare_for_save} and
 * {@code conform_task_data}): which fields a create or edit keeps, {@code output_dest} moved to
 * {@code output.destination}, {@code execution.artifacts} as a list in the API and a map keyed
 * {@code md5(key)_mode} in storage, user keys escaped (data model §1.2), legacy {@code execution.parameters} and
 * {@code model_desc} moved to {@code hyperparams} and {@code configuration}, {@code execution.docker_cmd} dropped,
 * script strings stripped, and each model link's {@code updated} stamped.
 */
final class TaskFields {

    /** {@code create_fields}: everything else a create sends is dropped. */
    static final Set<String> CREATE = Set.of("name", "tags", "system_tags", "type", "comment", "parent",
            "project", "models", "container", "output_dest", "execution", "hyperparams", "configuration",
            "script", "runtime");
    /** The embedded documents an edit merges into the stored ones instead of replacing them. */
    static final Set<String> EMBEDDED = Set.of("output", "execution", "script", "models");
    static final Set<String> TYPES = Set.of("training", "testing", "inference", "data_processing", "application",
            "monitor", "controller", "report", "optimizer", "service", "qc", "custom");

    private static final Set<String> STRIPPED_SCRIPT_FIELDS = Set.of("binary", "repository", "tag", "branch",
            "version_num", "entry_point", "working_dir");

    private TaskFields() {
    }

    /** The fields of {@code data} that {@code allowed} names, prepared for storage. */
    static Document prepare(ObjectNode data, Set<String> allowed, Date now) {
        Document fields = new Document();
        data.fields().forEachRemaining(entry -> {
            if (allowed.contains(entry.getKey()) && !entry.getValue().isNull()) {
                fields.put(entry.getKey(), Json.toBson(entry.getValue()));
            }
        });
        Tags.validate(fields);
        Object outputDest = fields.remove("output_dest");
        if (outputDest != null) {
            fields.put("output", new Document("destination", outputDest));
        }
        stampModels(fields.get("models", Document.class), now);
        Document execution = fields.get("execution", Document.class);
        if (execution != null) {
            prepareExecution(fields, execution);
        }
        escapeParameters(fields);
        escapeMapKeys(fields, "container");
        stripScript(fields.get("script", Document.class));
        Tags.sort(fields);
        return fields;
    }

    private static void prepareExecution(Document fields, Document execution) {
        execution.remove("docker_cmd");
        legacyParameters(fields, execution);
        Object artifacts = execution.get("artifacts");
        if (artifacts instanceof List<?> list) {
            Document keyed = new Document();
            for (Object item : list) {
                Document artifact = (Document) item;
                keyed.put(artifactId(artifact), artifact);
            }
            execution.put("artifacts", keyed);
        }
        escapeMapKeys(execution, "model_labels");
    }

    /** {@code get_artifact_id}: {@code md5(key) + "_" + mode}, the mode {@code output} when absent. */
    static String artifactId(Document artifact) {
        return Hashes.md5(artifact.getString("key")) + "_" + artifact.get("mode", "output");
    }

    /** {@code params_prepare_for_save}, for a task that has no previous hyperparameters to merge with. */
    private static void legacyParameters(Document fields, Document execution) {
        Document parameters = (Document) execution.remove("parameters");
        if (parameters != null) {
            Document hyperparams = fields.get("hyperparams") instanceof Document h ? h : new Document();
            parameters.forEach((fullName, value) -> {
                boolean tfDefine = fullName.startsWith("TF_DEFINE/");
                String section = tfDefine ? "TF_DEFINE" : "Args";
                String name = tfDefine ? fullName.substring("TF_DEFINE/".length()) : fullName;
                ((Document) hyperparams.computeIfAbsent(section, key -> new Document())).put(name,
                        new Document("name", name).append("type", "legacy").append("value", pythonStr(value))
                                .append("section", section));
            });
            fields.put("hyperparams", hyperparams);
        }
        Document modelDesc = (Document) execution.remove("model_desc");
        if (modelDesc != null) {
            Document configuration = fields.get("configuration") instanceof Document c ? c : new Document();
            modelDesc.forEach((name, value) -> configuration.put(name, new Document("name", name)
                    .append("type", "legacy").append("value", pythonStr(value))));
            fields.put("configuration", configuration);
        }
    }

    private static String pythonStr(@Nullable Object value) {
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        return value == null ? "None" : value.toString();
    }

    private static void escapeParameters(Document fields) {
        if (fields.get("hyperparams") instanceof Document hyperparams) {
            Document escaped = new Document();
            hyperparams.forEach((section, params) -> escaped.put(KeyEscaper.escape(nonEmpty(section, "section")),
                    params instanceof Document map ? escapeNames(map) : params));
            fields.put("hyperparams", escaped);
        }
        if (fields.get("configuration") instanceof Document configuration) {
            Document escaped = new Document();
            configuration.forEach((name, item) -> escaped.put(KeyEscaper.escape(nonEmpty(name, "configuration")),
                    item));
            fields.put("configuration", escaped);
        }
    }

    private static Document escapeNames(Document params) {
        Document escaped = new Document();
        params.forEach((name, param) -> escaped.put(KeyEscaper.escape(nonEmpty(name, "parameter")), param));
        return escaped;
    }

    private static String nonEmpty(String key, String what) {
        if (key.isEmpty()) {
            throw ApiError.VALIDATION_ERROR.withExtra("Empty " + what + " name is not allowed");
        }
        return key;
    }

    private static void escapeMapKeys(Document parent, String field) {
        if (parent.get(field) instanceof Document map && !map.isEmpty()) {
            parent.put(field, KeyEscaper.keys(map, true));
        }
    }

    private static void stampModels(@Nullable Document models, Date now) {
        if (models == null) {
            return;
        }
        for (String direction : List.of("input", "output")) {
            if (models.get(direction) instanceof List<?> links) {
                links.forEach(link -> ((Document) link).put("updated", now));
            }
        }
    }

    private static void stripScript(@Nullable Document script) {
        if (script == null) {
            return;
        }
        for (Map.Entry<String, Object> entry : script.entrySet()) {
            if (STRIPPED_SCRIPT_FIELDS.contains(entry.getKey()) && entry.getValue() instanceof String text) {
                entry.setValue(text.strip());
            }
        }
    }

    /** A stored task as the API answers it. */
    static ObjectNode toApi(Document stored) {
        ObjectNode task = ApiDocuments.toApi(stored);
        ApiDocuments.unescapeKeys(task, "container");
        if (task.get("execution") instanceof ObjectNode execution) {
            ApiDocuments.unescapeKeys(execution, "model_labels");
            if (execution.get("artifacts") instanceof ObjectNode artifacts) {
                execution.set("artifacts", sortedArtifacts(artifacts));
            }
        }
        unescapeParameters(task);
        return task;
    }

    private static ArrayNode sortedArtifacts(ObjectNode artifacts) {
        List<JsonNode> list = new ArrayList<>();
        artifacts.elements().forEachRemaining(list::add);
        list.sort(Comparator.comparing(artifact -> artifact.path("key").asText()));
        ArrayNode array = Json.NODES.arrayNode();
        list.forEach(array::add);
        return array;
    }

    private static void unescapeParameters(ObjectNode task) {
        if (task.get("hyperparams") instanceof ObjectNode hyperparams) {
            List<String> sections = new ArrayList<>();
            hyperparams.fieldNames().forEachRemaining(sections::add);
            sections.forEach(section -> ApiDocuments.unescapeKeys(hyperparams, section));
            ApiDocuments.unescapeKeys(task, "hyperparams");
        }
        ApiDocuments.unescapeKeys(task, "configuration");
    }

    /** The stored task a create makes: the server's defaults, then the kept fields. */
    static Document newTask(String id, Identity identity, Document fields, Date now) {
        Document task = new Document("_id", id).append("company", identity.company()).append("user", identity.user())
                .append("name", fields.get("name")).append("type", fields.get("type")).append("status", "created");
        copyIfPresent(fields, task, "comment");
        task.append("report_assets", new ArrayList<>()).append("created", now);
        copyIfPresent(fields, task, "parent");
        copyIfPresent(fields, task, "project");
        task.append("output", merged(new Document(), fields.get("output", Document.class)))
                .append("execution", merged(defaultExecution(), fields.get("execution", Document.class)))
                .append("tags", fields.getOrDefault("tags", new ArrayList<>()))
                .append("system_tags", fields.getOrDefault("system_tags", new ArrayList<>()))
                .append("script", merged(defaultScript(), fields.get("script", Document.class)))
                .append("last_update", now).append("last_change", now).append("last_iteration", 0)
                .append("last_metrics", new Document()).append("unique_metrics", new ArrayList<>())
                .append("metric_stats", new Document())
                .append("hyperparams", fields.getOrDefault("hyperparams", new Document()))
                .append("configuration", fields.getOrDefault("configuration", new Document()))
                .append("runtime", fields.getOrDefault("runtime", new Document()))
                .append("models", merged(new Document("input", new ArrayList<>()).append("output", new ArrayList<>()),
                        fields.get("models", Document.class)))
                .append("container", fields.getOrDefault("container", new Document()))
                .append("last_changed_by", identity.user());
        return task;
    }

    private static Document defaultExecution() {
        return new Document("test_split", 0).append("parameters", new Document()).append("model_desc", new Document())
                .append("model_labels", new Document()).append("artifacts", new Document());
    }

    private static Document defaultScript() {
        return new Document("binary", "python").append("repository", "").append("entry_point", "")
                .append("requirements", new Document());
    }

    /** {@code base} with {@code changes}' top-level keys put over it, as an edit merges embedded documents. */
    static Document merged(Document base, @Nullable Document changes) {
        if (changes != null) {
            base.putAll(changes);
        }
        return base;
    }

    private static void copyIfPresent(Document from, Document to, String field) {
        if (from.get(field) != null) {
            to.put(field, from.get(field));
        }
    }
}
