package clearml.migrate.apirelink;

import clearml.migrate.apirelink.ApiField.Call;
import clearml.migrate.links.LinkPlace.Holder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One project, task or model as {@code get_all_ex} lists it, with what decides which calls may change it: a public
 * entity ({@code company ""}) is written by no company's key ({@code NoWritePermission}); a published task and a
 * ready model take events only with {@code allow_locked} (server {@code EventBLL._get_valid_entities}).
 */
record ApiEntity(Holder holder, String id, String name, boolean isPublic, String status, String type,
        boolean ready) {

    private static final List<String> LOCKED_STATUSES = List.of("publishing", "published");

    static ApiEntity of(Holder holder, JsonNode json) {
        return new ApiEntity(holder, json.path("id").asText(), json.path("name").asText(),
                json.has("company") && json.path("company").asText().isEmpty(), json.path("status").asText(""),
                json.path("type").asText(""), json.path("ready").asBoolean(false));
    }

    /** {@code tasks.get_all_ex}, {@code models.get_all_ex} or {@code projects.get_all_ex}. */
    static String listing(Holder holder) {
        return kind(holder) + "s.get_all_ex";
    }

    /** What a listing asks for: the fields the call rules read and every place's field. */
    static List<String> onlyFields(Holder holder) {
        List<String> fields = new ArrayList<>(List.of("id", "name", "company"));
        switch (holder) {
            case TASK -> fields.addAll(List.of("status", "type"));
            case MODEL -> fields.add("ready");
            default -> { }
        }
        ApiField.of(holder).forEach(field -> fields.add(field.dotted()));
        return fields;
    }

    static String kind(Holder holder) {
        return holder.name().toLowerCase(Locale.ROOT);
    }

    /** {@code task/<id>}: how the journal names an entity whose events were re-sent. */
    String key() {
        return kind(holder) + "/" + id;
    }

    /** Whether events reach it only with {@code allow_locked}. */
    boolean locked() {
        return holder == Holder.MODEL ? ready : LOCKED_STATUSES.contains(status);
    }

    /** Why {@code call} cannot change this entity, or null when it can (server code, {@code services/*.py}). */
    @Nullable String refusal(Call call) {
        if (isPublic) {
            return "a public entity: the API lets no company's key change it";
        }
        return switch (call) {
            case NONE -> "the API has no call that sets it (projects.update drops logo_url)";
            case REPORTS_UPDATE -> !"report".equals(type)
                    ? "only reports.update sets report fields, and it takes report tasks only"
                    : !"created".equals(status)
                            ? "reports.update changes a report only while it is a draft; this one is " + status
                            : null;
            default -> null;
        };
    }

    /** Why its events cannot be re-sent, or null. */
    @Nullable String eventRefusal() {
        return isPublic ? "a public entity: events.add_batch takes events of the caller's company only" : null;
    }
}
