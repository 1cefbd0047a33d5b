package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code reports.update} as {@code services/reports.py} serves it: report tasks only (400/150); name, tags and
 * comment on a report in any status, its {@code report} and {@code report_assets} only while it is a draft
 * ({@code created}, else 400/110); other fields ignored; {@code last_update} stamped unless only name, tags or
 * comment changed. The one call that writes a report's text: {@code tasks.edit} and {@code tasks.update} drop it.
 */
final class ReportEndpoints {

    private static final List<String> FIELDS = List.of("name", "tags", "comment", "report", "report_assets");
    private static final Set<String> ALLOWED_FOR_PUBLISHED = Set.of("name", "tags", "comment");
    private static final int SHORTENED = 100;

    private final Store store;

    ReportEndpoints(Store store) {
        this.store = store;
    }

    void register(EndpointTable table) {
        table.add("reports.update", this::update);
    }

    private JsonNode update(ApiCall call) {
        Document task = Entities.writable(store.tasks(), call.required("task"), call.company(), "task",
                ApiError.INVALID_TASK_ID);
        if (!"report".equals(task.getString("type"))) {
            throw ApiError.OPERATION_SUPPORTED_ON_REPORTS_ONLY.with("id", task.get("_id"));
        }
        Document fields = new Document();
        FIELDS.forEach(field -> {
            if (call.data().has(field)) {
                fields.put(field, Json.toBson(call.data().get(field)));
            }
        });
        if (fields.isEmpty()) {
            return Json.object().put("updated", 0);
        }
        boolean allowedForPublished = ALLOWED_FOR_PUBLISHED.containsAll(fields.keySet());
        if (!"created".equals(task.getString("status")) && !allowedForPublished) {
            throw ApiError.INVALID_TASK_STATUS.with("expected", "created", "status", task.getString("status"));
        }
        Date now = new Date();
        List<Bson> sets = new ArrayList<>();
        fields.forEach((field, value) -> sets.add(Updates.set(field, value)));
        sets.add(Updates.set("last_change", now));
        sets.add(Updates.set("last_changed_by", call.user()));
        if (!allowedForPublished) {
            sets.add(Updates.set("last_update", now));
        }
        long updated = store.tasks().updateOne(Filters.eq("_id", task.get("_id")), Updates.combine(sets))
                .getMatchedCount();
        ObjectNode echoed = (ObjectNode) Json.toJson(fields);
        if (echoed.path("report").isTextual()) {
            echoed.put("report", shortened(echoed.path("report").asText()));
        }
        return TaskEndpoints.updateAnswer(updated, echoed);
    }

    /** Python's {@code textwrap.shorten(text, width=100)}: whitespace collapsed, cut at a word with {@code [...]}. */
    private static String shortened(String text) {
        String collapsed = text.strip().replaceAll("\\s+", " ");
        if (collapsed.length() <= SHORTENED) {
            return collapsed;
        }
        String placeholder = " [...]";
        String head = collapsed.substring(0, SHORTENED - placeholder.length() + 1);
        int cut = head.lastIndexOf(' ');
        return (cut > 0 ? head.substring(0, cut) : "").stripTrailing() + placeholder;
    }
}
