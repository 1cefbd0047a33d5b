package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.EntityPages;
import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkPlace.Holder;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import clearml.migrate.relinking.PlaceCounts;
import clearml.migrate.relinking.RelinkedSource;
import clearml.migrate.undo.UndoJournal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Relinks every entity of one kind: one {@code get_all_ex} listing (hidden entities included: reports and their
 * projects are hidden) with only the fields that hold places, the link engine on each entity as answered, and for
 * an entity that changed, each changed field ({@link ApiField}) the rules let through journalled as a
 * {@code fieldChange} (database {@code api}), sent whole through its call, and read back: a field the server
 * answered 200 to but did not keep is reported, never counted as rewritten.
 */
final class DocumentRelink {

    private static final int PAGE = 500;

    private final ApiClient client;
    private final EntityWrites writes;
    private final LinkRewriter rewriter;
    private final boolean dryRun;
    private final @Nullable UndoJournal journal;
    private final List<NotRewritten> notRewritten;

    DocumentRelink(ApiClient client, LinkRewriter rewriter, boolean dryRun, @Nullable UndoJournal journal,
            List<NotRewritten> notRewritten) {
        this.client = client;
        this.writes = new EntityWrites(client);
        this.rewriter = rewriter;
        this.dryRun = dryRun;
        this.journal = journal;
        this.notRewritten = notRewritten;
    }

    /** Relinks every entity of {@code holder}, then hands each to {@code andThen} (its events). */
    RelinkedSource run(Holder holder, Progress progress, LinkTally samples, Consumer<ApiEntity> andThen) {
        ObjectNode query = ApiJson.object().put("search_hidden", true);
        ArrayNode only = query.putArray("only_fields");
        ApiEntity.onlyFields(holder).forEach(only::add);
        EntityPages pages = client.entities(ApiEntity.listing(holder), query, PAGE);
        progress.start(ApiRelinker.STORE + " " + ApiEntity.kind(holder) + "s", -1);
        Scan scan = new Scan(holder, samples);
        while (pages.hasNext()) {
            JsonNode json = pages.next();
            ApiEntity entity = ApiEntity.of(holder, json);
            scan.check(entity, json);
            andThen.accept(entity);
            progress.advance(1);
        }
        progress.finish();
        return new RelinkedSource(ApiRelinker.STORE, ApiEntity.kind(holder) + "s", scan.scanned, scan.changed, 0,
                PlaceCounts.of(scan.tally));
    }

    /** The running state of one kind's listing. */
    private final class Scan {
        private final Holder holder;
        private final LinkTally samples;
        private final LinkTally tally = new LinkTally(0);
        private long scanned;
        private long changed;

        Scan(Holder holder, LinkTally samples) {
            this.holder = holder;
            this.samples = samples;
        }

        void check(ApiEntity entity, JsonNode read) {
            scanned++;
            ObjectNode rewritten = read.deepCopy();
            LinkChanges changes = rewriter.rewrite(holder, rewritten);
            if (changes.isEmpty()) {
                return;
            }
            changed++;
            Map<ApiField, JsonNode> writable = new EnumMap<>(ApiField.class);
            for (ApiField field : ApiField.of(holder)) {
                JsonNode after = field.in(rewritten);
                if (after == null || Objects.equals(field.in(read), after)) {
                    continue;
                }
                String refusal = entity.refusal(field.call());
                if (refusal == null) {
                    writable.put(field, after);
                } else {
                    refuse(entity, field, changes, refusal);
                }
            }
            if (!writable.isEmpty()) {
                write(entity, read, writable, changes);
            }
        }

        private void write(ApiEntity entity, JsonNode read, Map<ApiField, JsonNode> values, LinkChanges changes) {
            if (dryRun) {
                values.keySet().forEach(field -> count(of(changes, field)));
                return;
            }
            if (journal != null) {
                values.forEach((field, after) -> journal.fieldChange("api", ApiEntity.kind(holder), entity.id(),
                        field.dotted(), JournalValues.bson(field.in(read)), JournalValues.bson(after)));
                journal.flush(); // the old values are on disk before any of them is overwritten
            }
            Map<ApiField, String> refused = writes.write(entity, values);
            JsonNode now = writes.read(holder, entity.id());
            values.forEach((field, after) -> {
                if (refused.containsKey(field)) {
                    refuse(entity, field, changes, refused.get(field));
                } else if (now == null || !after.equals(field.in(now))) {
                    refuse(entity, field, changes, "the server answered 200 but did not keep it (read back)");
                } else {
                    count(of(changes, field));
                }
            });
        }

        private void count(LinkChanges changes) {
            tally.add(changes);
            samples.add(changes);
        }

        private void refuse(ApiEntity entity, ApiField field, LinkChanges changes, String reason) {
            notRewritten.add(new NotRewritten(ApiEntity.kind(holder), entity.id(), entity.name(), field.reportName(),
                    of(changes, field).changes().size(), 0, reason));
        }
    }

    /** The changes that fall in one field. */
    private static LinkChanges of(LinkChanges changes, ApiField field) {
        return new LinkChanges(changes.changes().stream().filter(c -> ApiField.of(c.place()) == field).toList());
    }
}
