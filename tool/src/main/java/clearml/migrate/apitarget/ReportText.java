package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A report's text and assets, sent with {@code reports.update} while the report is still a draft, before its
 * status calls. ClearML's server writes them through that call only ({@code tasks.create}/{@code edit} take neither:
 * {@code services/tasks.py create_fields}), and only on a {@code created} report ({@code services/reports.py
 * update_report}: {@code report}, {@code report_assets} refused with 400/110 on any other status).
 */
final class ReportText {

    private static final List<String> FIELDS = List.of("report", "report_assets");

    private ReportText() {
    }

    /** Sends {@code archived}'s text and assets (API form) to the draft {@code targetId}, when it is a report. */
    static void send(Caller caller, String targetId, JsonNode archived, @Nullable String owner) {
        if (!"report".equals(archived.path("type").asText())) {
            return; // reports.update refuses any other task type (400/150)
        }
        ObjectNode body = ApiJson.object().put("task", targetId);
        FIELDS.stream().filter(archived::hasNonNull).forEach(field -> body.set(field, archived.get(field)));
        if (body.size() > 1) {
            caller.call("reports.update", body, owner);
        }
    }
}
