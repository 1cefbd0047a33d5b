package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportMetadataTest {

    private static ExportMetadata metadata() {
        return new ExportMetadata("1.2.3")
                .flag("projects", List.of("A/B"))
                .flag("all", false)
                .flag("company", null);
    }

    @Test
    void writesOnlyOurOwnKeyWithVersionsSelectionAndEntries() {
        String json = metadata()
                .source(new SourceVersions("5.0.0", "2.0.0", "opensearch", "2.19.6"))
                .entry("database.model.task.task.Task.json", 3, 0xab12L)
                .build().toString();

        assertThat(json).isEqualTo("{\"clearml_migrate\":{\"format_version\":2,\"tool_version\":\"1.2.3\","
                + "\"selection\":{\"projects\":[\"A/B\"],\"all\":false,\"company\":null},"
                + "\"source\":{\"mongodb\":\"5.0.0\",\"schema_version\":\"2.0.0\","
                + "\"search_engine\":{\"distribution\":\"opensearch\",\"version\":\"2.19.6\"}},"
                + "\"entries\":{\"database.model.task.task.Task.json\":{\"count\":3,\"crc32\":\"0000ab12\"}}}}");
    }

    @Test
    void mapHashIgnoresEntriesAndServerVersionsButNotTheSelection() {
        String plain = metadata().mapHash();
        String withEntries = metadata().entry("x", 1, 0xffL)
                .source(new SourceVersions("6.0", "", "elasticsearch", "7.17.29")).mapHash();
        String otherSelection = metadata().flag("statuses", List.of("completed")).mapHash();

        assertThat(withEntries).isEqualTo(plain).hasSize(32);
        assertThat(otherSelection).isNotEqualTo(plain);
    }
}
