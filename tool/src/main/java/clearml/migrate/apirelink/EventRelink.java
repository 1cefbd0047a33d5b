package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.TaskEventPages;
import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkPlace.Holder;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.undo.UndoJournal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Relinks the debug-image and plot events of one task or model: {@code events.get_task_events} per type, the link
 * engine on each event, and every changed event re-sent whole ({@link EventResend}), journalled first as an
 * {@code eventFieldChange} of field {@code event} under the entity's key ({@code task/<id>}; the API addresses
 * events by their entity, not by index). The API has no call that edits a stored event, so this is the only way
 * through it; entities that refuse events are counted, never sent to.
 */
final class EventRelink {

    private static final int IMAGES_PAGE = 2000;
    private static final int PLOTS_PAGE = 10;

    private final ApiClient client;
    private final LinkRewriter rewriter;
    private final boolean dryRun;
    private final @Nullable UndoJournal journal;
    private final Map<EventType, EventTotals> totals = new EnumMap<>(EventType.class);

    EventRelink(ApiClient client, LinkRewriter rewriter, boolean dryRun, @Nullable UndoJournal journal) {
        this.client = client;
        this.rewriter = rewriter;
        this.dryRun = dryRun;
        this.journal = journal;
        EventResend.TYPES.forEach(type -> totals.put(type, new EventTotals(type)));
    }

    List<EventTotals> totals() {
        return List.copyOf(totals.values());
    }

    /** Relinks one entity's events; adds its refusals to {@code notRewritten} and its changes to {@code samples}. */
    void run(ApiEntity entity, LinkTally samples, List<NotRewritten> notRewritten) {
        Refusals refusals = new Refusals();
        for (EventType type : EventResend.TYPES) {
            relink(entity, type, samples, refusals);
        }
        if (refusals.events > 0) {
            notRewritten.add(new NotRewritten(ApiEntity.kind(entity.holder()), entity.id(), entity.name(), "events",
                    refusals.urls, refusals.events, refusals.reason));
        }
    }

    private void relink(ApiEntity entity, EventType type, LinkTally samples, Refusals refusals) {
        EventTotals total = totals.get(type);
        EventResend resend = new EventResend(client, this::flushJournal);
        List<LinkChanges> queued = new ArrayList<>();
        int page = type == EventType.PLOT ? PLOTS_PAGE : IMAGES_PAGE;
        TaskEventPages pages = client.taskEvents(query(entity, type), page);
        while (pages.hasNext()) {
            ObjectNode read = (ObjectNode) pages.next();
            total.scanned++;
            ObjectNode rewritten = read.deepCopy();
            LinkChanges changes = rewriter.rewriteEvent(rewritten);
            if (changes.isEmpty()) {
                continue;
            }
            total.changed++;
            String refusal = entity.eventRefusal();
            if (refusal != null) {
                refusals.add(1, changes.changes().size(), refusal);
            } else if (dryRun) {
                tally(total, samples, changes);
            } else {
                ObjectNode sent = EventResend.prepared(rewritten, entity.locked());
                journal(entity, read, sent);
                resend.add(sent, outcome -> settle(outcome, queued, total, samples, refusals));
                queued.add(changes);
            }
        }
        settle(resend.send(), queued, total, samples, refusals);
    }

    private void flushJournal() {
        if (journal != null) {
            journal.flush();
        }
    }

    private static ObjectNode query(ApiEntity entity, EventType type) {
        return ApiJson.object().put("task", entity.id()).put("event_type", type.value())
                .put("model_events", entity.holder() == Holder.MODEL).put("order", "asc");
    }

    private void journal(ApiEntity entity, ObjectNode read, ObjectNode sent) {
        if (journal != null) {
            journal.eventFieldChange(entity.key(), EventIds.metricEventId(sent), "event", read, sent);
        }
    }

    /**
     * Accounts for one sent batch: its events' URLs as rewritten, or as refused when the server refused them all.
     */
    private void settle(EventResend.Outcome outcome, List<LinkChanges> queued, EventTotals total, LinkTally samples,
            Refusals refusals) {
        if (outcome.sent() == 0) {
            return;
        }
        if (outcome.refused() == outcome.sent()) {
            refusals.add(outcome.sent(), queued.stream().mapToLong(c -> c.changes().size()).sum(), outcome.reason());
        } else {
            queued.forEach(changes -> tally(total, samples, changes));
            if (outcome.refused() > 0) {
                refusals.add(outcome.refused(), 0, outcome.reason());
            }
        }
        total.refused += outcome.refused();
        queued.clear();
    }

    private static void tally(EventTotals total, LinkTally samples, LinkChanges changes) {
        total.tally().add(changes);
        samples.add(changes);
    }

    /** One entity's events the server would not take, or may not be sent. */
    private static final class Refusals {
        long events;
        long urls;
        String reason = "";

        void add(long events, long urls, String reason) {
            this.events += events;
            this.urls += urls;
            this.reason = reason;
        }
    }
}
