package clearml.migrate.apirelink;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.api.ApiJson;
import clearml.migrate.apirelink.ApiField.Call;
import clearml.migrate.links.LinkPlace;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The table of where each document place lives in the REST API's answers and which call writes it back: every
 * document place of the link table has a field, and each field goes where its call takes it.
 */
class ApiFieldTest {

    @Test
    void everyDocumentPlaceOfTheLinkTableLivesInAFieldOfItsHolder() {
        Arrays.stream(LinkPlace.values()).filter(place -> !place.holder().isEvent())
                .forEach(place -> assertThat(ApiField.of(place).holder()).as(place.reportName())
                        .isEqualTo(place.holder()));
        assertThat(ApiField.of(LinkPlace.TASK_ARTIFACT_PREVIEW)).isEqualTo(ApiField.TASK_ARTIFACTS);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "MODEL_URI | models.edit | {\"model\":\"e1\",\"uri\":\"v\"}",
        "TASK_ARTIFACTS | tasks.edit | {\"task\":\"e1\",\"execution\":{\"artifacts\":\"v\"}}",
        "TASK_OUTPUT_DESTINATION | tasks.edit | {\"task\":\"e1\",\"output_dest\":\"v\"}",
        "REPORT | reports.update | {\"task\":\"e1\",\"report\":\"v\"}",
        "REPORT_ASSETS | reports.update | {\"task\":\"e1\",\"report_assets\":\"v\"}",
        "PROJECT_DESCRIPTION | projects.update | {\"project\":\"e1\",\"description\":\"v\"}",
        "PROJECT_DEFAULT_OUTPUT_DESTINATION | projects.update | {\"project\":\"e1\",\"default_output_destination\":\"v\"}"
    })
    void eachFieldGoesWhereItsCallTakesIt(ApiField field, String endpoint, String body) {
        ObjectNode sent = ApiJson.object().put(field.call().idField(), "e1");
        field.putInto(sent, TextNode.valueOf("v"));

        assertThat(field.call().endpoint()).isEqualTo(endpoint);
        assertThat(sent.toString()).isEqualTo(body);
    }

    @Test
    void aProjectLogoHasNoCallAndAPublishedReportRefusesItsText() {
        ApiEntity project = new ApiEntity(LinkPlace.Holder.PROJECT, "p1", "Links", false, "", "", false);
        ApiEntity published = new ApiEntity(LinkPlace.Holder.TASK, "t1", "r", false, "published", "report", false);
        ApiEntity draft = new ApiEntity(LinkPlace.Holder.TASK, "t2", "r", false, "created", "report", false);

        assertThat(project.refusal(ApiField.PROJECT_LOGO_URL.call())).contains("logo_url");
        assertThat(published.refusal(Call.REPORTS_UPDATE)).contains("draft");
        assertThat(published.refusal(Call.TASKS_EDIT)).isNull();
        assertThat(draft.refusal(Call.REPORTS_UPDATE)).isNull();
        assertThat(published.locked()).isTrue();
    }
}
