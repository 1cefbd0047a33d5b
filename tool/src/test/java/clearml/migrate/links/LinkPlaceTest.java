package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkPlaceTest {

    /** The minimum list (#5 "Links") plus the storage and image URLs of data model §7.4. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            model.uri                                         | MODEL   | URL             | true
            task.execution.artifacts.*.uri                    | TASK    | URL             | true
            task.execution.artifacts.*.type_data.preview      | TASK    | TEXT            | false
            task.output.destination                           | TASK    | URL             | true
            task.report                                       | TASK    | TEXT            | true
            task.report_assets[]                              | TASK    | URL             | true
            project.description                               | PROJECT | TEXT            | true
            project.default_output_destination                | PROJECT | URL             | true
            project.logo_url                                  | PROJECT | URL             | true
            event.training_debug_image.url                    | EVENT   | URL             | true
            event.plot.plot_str                               | EVENT   | TEXT            | true
            event.plot.plot_data                              | EVENT   | COMPRESSED_TEXT | true
            event.plot.source_urls[]                          | EVENT   | URL             | true
            """)
    void cataloguesEachPlaceUnderItsStableReportName(String name, LinkPlace.Holder holder, LinkPlace.Form form,
            boolean byDefault) {
        LinkPlace place = Arrays.stream(LinkPlace.values()).filter(p -> p.reportName().equals(name))
                .findFirst().orElseThrow();

        assertThat(place.holder()).isEqualTo(holder);
        assertThat(place.form()).isEqualTo(form);
        assertThat(place.rewrittenByDefault()).isEqualTo(byDefault);
        assertThat(place.toString()).isEqualTo(name);
    }

    @Test
    void cataloguesNoOtherPlace() {
        assertThat(LinkPlace.values()).hasSize(13);
        assertThat(LinkPlace.defaults()).hasSize(12).doesNotContain(LinkPlace.TASK_ARTIFACT_PREVIEW);
    }

    @Test
    void fileReferencesLeaveOutTheDestinationFolders() {
        assertThat(LinkPlace.fileReferences()).hasSize(10)
                .doesNotContain(LinkPlace.TASK_OUTPUT_DESTINATION, LinkPlace.PROJECT_DEFAULT_OUTPUT_DESTINATION)
                .contains(LinkPlace.MODEL_URI, LinkPlace.TASK_REPORT_ASSETS, LinkPlace.PLOT_DATA);
    }
}
