package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.EventType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkPlaceTest {

    /** The minimum list (#5 "Links") plus the storage and image URLs of data model §7.4. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            model.uri                                    | MODEL             | uri                                     | URL             | true
            task.execution.artifacts.*.uri               | TASK              | execution.artifacts.*.uri               | URL             | true
            task.execution.artifacts.*.type_data.preview | TASK              | execution.artifacts.*.type_data.preview | MARKDOWN        | false
            task.output.destination                      | TASK              | output.destination                      | URL             | true
            task.report                                  | TASK              | report                                  | MARKDOWN        | true
            task.report_assets[]                         | TASK              | report_assets                           | URL_LIST        | true
            project.description                          | PROJECT           | description                             | MARKDOWN        | true
            project.default_output_destination           | PROJECT           | default_output_destination              | URL             | true
            project.logo_url                             | PROJECT           | logo_url                                | URL             | true
            event.training_debug_image.url               | DEBUG_IMAGE_EVENT | url                                     | URL             | true
            event.plot.plot_str                          | PLOT_EVENT        | plot_str                                | PLOT_JSON       | true
            event.plot.plot_data                         | PLOT_EVENT        | plot_data                               | COMPRESSED_PLOT | true
            event.plot.source_urls[]                     | PLOT_EVENT        | source_urls                             | URL_LIST        | true
            """)
    void cataloguesEachPlaceUnderItsStableReportName(String name, LinkPlace.Holder holder, String path,
            LinkPlace.Form form, boolean byDefault) {
        LinkPlace place = Arrays.stream(LinkPlace.values()).filter(p -> p.reportName().equals(name))
                .findFirst().orElseThrow();

        assertThat(place.holder()).isEqualTo(holder);
        assertThat(String.join(".", place.path())).isEqualTo(path);
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
    void projectsTheContainerAboveTheFirstWildcard() {
        assertThat(LinkPlace.TASK_ARTIFACT_URI.projection()).isEqualTo("execution.artifacts");
        assertThat(LinkPlace.TASK_ARTIFACT_URI.searchable()).isFalse();
        assertThat(LinkPlace.TASK_OUTPUT_DESTINATION.projection()).isEqualTo("output.destination");
        assertThat(LinkPlace.TASK_OUTPUT_DESTINATION.searchable()).isTrue();
    }

    @Test
    void namesTheEventTypesThatHoldPlaces() {
        assertThat(LinkPlace.Holder.eventTypes()).containsExactlyInAnyOrder(EventType.TRAINING_DEBUG_IMAGE, EventType.PLOT);
        assertThat(LinkPlace.Holder.ofEventType("plot")).contains(LinkPlace.Holder.PLOT_EVENT);
        assertThat(LinkPlace.Holder.ofEventType("log")).isEmpty();
    }

    @Test
    void fileReferencesLeaveOutTheDestinationFolders() {
        assertThat(LinkPlace.fileReferences()).hasSize(10)
                .doesNotContain(LinkPlace.TASK_OUTPUT_DESTINATION, LinkPlace.PROJECT_DEFAULT_OUTPUT_DESTINATION)
                .contains(LinkPlace.MODEL_URI, LinkPlace.TASK_REPORT_ASSETS, LinkPlace.PLOT_DATA);
    }
}
