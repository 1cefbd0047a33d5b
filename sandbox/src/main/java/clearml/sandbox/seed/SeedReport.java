package clearml.sandbox.seed;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a seed wrote, with ids tests can start from.
 *
 * @param companies            the seeded company ids, the default company first
 * @param documents            documents per {@code "<database>.<collection>"}, e.g. {@code backend.task}
 * @param eventsByType         events per event type
 * @param eventsByIndex        events per index
 * @param files                file-server files written
 * @param fileBytes            their total size
 * @param rootProjects         root project ids per company (ordinary projects only; the hidden ones are nested)
 * @param publicTaskId         the public task (company {@code ""}, events in its origin company's indices)
 * @param legacyTaskId         the pre-1.0-shaped task
 * @param reportTaskId         the report task in {@code .reports}
 * @param datasetTaskId        the dataset version task in {@code .datasets}
 * @param pipelineControllerId the pipeline controller task in {@code .pipelines}
 * @param standaloneModelId    the model that lives in a project and that no task references
 * @param elapsed              wall time of the seed
 */
public record SeedReport(List<String> companies, Map<String, Long> documents, Map<String, Long> eventsByType,
        Map<String, Long> eventsByIndex, long files, long fileBytes, Map<String, List<String>> rootProjects,
        String publicTaskId, String legacyTaskId, String reportTaskId, String datasetTaskId,
        String pipelineControllerId, String standaloneModelId, Duration elapsed) {

    public long events() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }

    public long mongoDocuments() {
        return documents.values().stream().mapToLong(Long::longValue).sum();
    }
}
