package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkPlace.Holder;
import clearml.migrate.undo.JournalRecord;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.UndoConflict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sets one entity's journalled fields and events back, or only checks them: each must hold what the relink wrote
 * (then it is restored) or what it replaced (then it is left alone); anything else is a conflict, restored only
 * when writing with {@code --force} (the caller refuses earlier otherwise).
 */
final class Restore {

    private static final int PAGE = 1000;

    private final ApiClient client;
    private final EntityWrites writes;
    private final boolean write;
    final List<UndoConflict> conflicts = new ArrayList<>();
    final List<String> kept = new ArrayList<>();
    long fieldsRestored;
    long eventsRestored;
    long unchanged;

    Restore(ApiClient client, boolean write) {
        this.client = client;
        this.writes = new EntityWrites(client);
        this.write = write;
    }

    /** The records of one entity, all field changes or all event changes. */
    void entity(List<JournalRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (records.get(0) instanceof FieldChange first) {
            fields(holder(first.collection()), String.valueOf(first.id()), records);
        } else {
            String[] key = ((EventFieldChange) records.get(0)).index().split("/", 2);
            events(holder(key[0]), key[1], records);
        }
    }

    private void fields(Holder holder, String id, List<JournalRecord> records) {
        JsonNode now = writes.read(holder, id);
        if (now == null) {
            conflicts.add(new UndoConflict(ApiEntity.kind(holder), id, "it is gone"));
            return;
        }
        Map<ApiField, JsonNode> restore = new EnumMap<>(ApiField.class);
        for (JournalRecord record : records) {
            FieldChange change = (FieldChange) record;
            ApiField field = field(holder, change.path());
            JsonNode current = field.in(now);
            JsonNode old = JournalValues.json(change.oldValue());
            if (Objects.equals(current, old)) {
                unchanged++;
            } else if (old == null) {
                kept.add(ApiEntity.kind(holder) + " " + id + " " + field.dotted() + ": it had no value, and the API "
                        + "cannot remove one");
            } else {
                if (!Objects.equals(current, JournalValues.json(change.newValue()))) {
                    conflicts.add(new UndoConflict(field.reportName(), id, "it holds neither the relink's value nor "
                            + "the one before"));
                }
                restore.put(field, old);
            }
        }
        if (write && !restore.isEmpty()) {
            Map<ApiField, String> refused = writes.write(ApiEntity.of(holder, now), restore);
            refused.forEach((field, reason) -> kept.add(ApiEntity.kind(holder) + " " + id + " " + field.dotted()
                    + ": " + reason));
            fieldsRestored += restore.size() - refused.size();
        } else {
            fieldsRestored += restore.size();
        }
    }

    private void events(Holder holder, String id, List<JournalRecord> records) {
        JsonNode entity = writes.read(holder, id);
        Map<String, ObjectNode> stored = entity == null ? Map.of() : stored(holder, id, records);
        boolean locked = entity != null && ApiEntity.of(holder, entity).locked();
        EventResend resend = new EventResend(client, () -> { });
        for (JournalRecord record : records) {
            EventFieldChange change = (EventFieldChange) record;
            ObjectNode current = stored.get(change.id());
            if (current == null) {
                conflicts.add(new UndoConflict(change.index(), change.id(), "the event is gone"));
                continue;
            }
            ObjectNode links = EventResend.links(current);
            if (links.equals(EventResend.links(change.oldValue()))) {
                unchanged++;
                continue;
            }
            if (!links.equals(EventResend.links(change.newValue()))) {
                conflicts.add(new UndoConflict(change.index(), change.id(), "its URLs are neither the relink's nor "
                        + "the ones before"));
            }
            eventsRestored++;
            if (write) {
                resend.add(EventResend.prepared((ObjectNode) change.oldValue(), locked), this::keepRefused);
            }
        }
        keepRefused(resend.send());
    }

    private void keepRefused(EventResend.Outcome outcome) {
        if (outcome.refused() > 0) {
            eventsRestored -= outcome.refused();
            kept.add(outcome.refused() + " events: " + outcome.reason());
        }
    }

    /** The entity's stored events that the records name, by their server id. */
    private Map<String, ObjectNode> stored(Holder holder, String id, List<JournalRecord> records) {
        Set<String> wanted = records.stream().map(r -> ((EventFieldChange) r).id()).collect(Collectors.toSet());
        Map<String, ObjectNode> found = new HashMap<>();
        for (EventType type : EventResend.TYPES) {
            ObjectNode query = ApiJson.object().put("task", id).put("event_type", type.value())
                    .put("model_events", holder == Holder.MODEL).put("order", "asc");
            client.taskEvents(query, PAGE).forEachRemaining(event -> {
                String eventId = EventIds.metricEventId((ObjectNode) event);
                if (wanted.contains(eventId)) {
                    found.put(eventId, (ObjectNode) event);
                }
            });
        }
        return found;
    }

    private static Holder holder(String kind) {
        return Holder.valueOf(kind.toUpperCase(Locale.ROOT));
    }

    private static ApiField field(Holder holder, String dotted) {
        return ApiField.of(holder).stream().filter(field -> field.dotted().equals(dotted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the journal names an unknown field " + dotted));
    }
}
