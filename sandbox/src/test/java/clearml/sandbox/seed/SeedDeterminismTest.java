package clearml.sandbox.seed;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class SeedDeterminismTest {

    @Test
    void writesTheSameIdsDocumentsEventsAndFilesForTheSameSize(Sandbox source) {
        Snapshot first = seedAndRead(source);
        Snapshot second = seedAndRead(source);

        assertThat(second.documents()).isEqualTo(first.documents());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.report()).isEqualTo(first.report());
        assertThat(first.events()).isNotEmpty();
    }

    @Test
    void namesThePresetsAndRejectsUnknownSizes() {
        assertThat(SeedSize.named("SMALL")).isEqualTo(SeedSize.small());
        assertThat(SeedSize.named("large")).isEqualTo(SeedSize.large());
        assertThat(SeedSize.large().projects() * SeedSize.large().tasksPerProject()
                * (long) SeedSize.large().eventsPerTask()).isEqualTo(1_000_000L);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> SeedSize.named("huge"))
                .withMessageContaining("small, medium or large");
    }

    private static Snapshot seedAndRead(Sandbox source) {
        source.reset();
        SeedReport report = new Seeder().seed(source, SeedSize.small());
        Map<String, JsonNode> events = new TreeMap<>();
        new StoredEvents(source.elasticUri()).all().forEach(h -> events.put(h.index() + "/" + h.id(), h.source()));
        SeedReport timeless = new SeedReport(report.companies(), report.documents(), report.eventsByType(),
                report.eventsByIndex(), report.files(), report.fileBytes(), report.rootProjects(),
                report.publicTaskId(), report.legacyTaskId(), report.reportTaskId(), report.datasetTaskId(),
                report.pipelineControllerId(), report.standaloneModelId(), Duration.ZERO);
        return new Snapshot(StoredDocuments.read(source.mongoUri()).all(), events,
                FileServerPaths.filesUnder(source.fileserverDir()), timeless);
    }

    private record Snapshot(Map<String, List<Document>> documents, Map<String, JsonNode> events,
            Map<String, Long> files, SeedReport report) {
    }
}
