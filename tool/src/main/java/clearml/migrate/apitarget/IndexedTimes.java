package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The first and last {@code @timestamp} of one entity's archived events: the time the source server indexed them,
 * which {@code events.add_batch} always replaces with its own (data model §2.5), so an API import keeps the range in
 * the entity's {@code migrated} record as {@value #KEY} (one entry per entity, not per event). A value that is not
 * an ISO instant is left out.
 */
final class IndexedTimes {

    static final String KEY = "events_indexed";

    private @Nullable Instant first;
    private @Nullable Instant last;
    private @Nullable String firstText;
    private @Nullable String lastText;

    void observe(JsonNode event) {
        String text = event.path("@timestamp").asText("");
        Instant instant = instant(text);
        if (instant == null) {
            return;
        }
        if (first == null || instant.isBefore(first)) {
            first = instant;
            firstText = text;
        }
        if (last == null || instant.isAfter(last)) {
            last = instant;
            lastText = text;
        }
    }

    /** {@code {first, last}} as archived, or null when no event had one. */
    @Nullable ObjectNode range() {
        return firstText == null ? null : ApiJson.object().put("first", firstText).put("last", lastText);
    }

    private static @Nullable Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
