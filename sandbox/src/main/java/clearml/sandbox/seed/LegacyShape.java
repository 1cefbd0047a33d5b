package clearml.sandbox.seed;

import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Turns a current task document into the pre-1.0 shape the importer's upgrade step must convert (data model §1.4,
 * §5.4, §8.2): {@code execution.parameters} and {@code model_desc} instead of {@code hyperparams} and
 * {@code configuration}, {@code execution.model} and {@code output.model} instead of {@code models},
 * {@code execution.docker_cmd} instead of {@code container}, and artifacts as a list.
 */
final class LegacyShape {

    private LegacyShape() {
    }

    static void apply(Document task, String outputModel, @Nullable String inputModel, Document artifact) {
        for (String field : List.of("hyperparams", "configuration", "models", "container", "runtime")) {
            task.remove(field);
        }
        Document execution = task.get("execution", Document.class);
        execution.put("parameters", new Document("lr", "0.01").append("batch_size", "32")
                .append("data_dir", "/mnt/data/cats"));
        execution.put("model_desc", new Document("prototxt", "name: \"legacy\"\nlayer { type: \"Convolution\" }\n"));
        if (inputModel != null) {
            execution.put("model", inputModel);
        }
        execution.put("docker_cmd", "nvidia/cuda:10.1-runtime-ubuntu18.04 --ipc=host");
        execution.put("artifacts", List.of(artifact));
        task.get("output", Document.class).put("model", outputModel);
    }
}
