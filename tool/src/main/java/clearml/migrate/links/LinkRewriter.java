package clearml.migrate.links;

import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkPlace.Holder;
import clearml.migrate.links.PlaceSlots.Slot;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites, in place and field by field, every URL place (see {@link LinkPlace}) of a project, task or model
 * document or of an event, through one {@link UrlMap}, and says what changed. Never a text replace over a whole
 * document: only the catalogued fields are touched, and every other field passes through as it was.
 */
public final class LinkRewriter {

    private final UrlMap map;
    private final Set<LinkPlace> places;

    /** Rewrites the places {@link LinkPlace#defaults()}. */
    public LinkRewriter(UrlMap map) {
        this(map, LinkPlace.defaults());
    }

    public LinkRewriter(UrlMap map, Set<LinkPlace> places) {
        this.map = map;
        this.places = Set.copyOf(places);
    }

    /** Rewrites the document of an entity of the given kind ({@code task__trash} documents are tasks). */
    public LinkChanges rewrite(Holder kind, Document document) {
        if (kind.isEvent()) {
            throw new IllegalArgumentException("events are ObjectNodes: use rewriteEvent");
        }
        return rewrite(kind, place -> PlaceSlots.in(document, place.path()));
    }

    public LinkChanges rewriteProject(Document project) {
        return rewrite(Holder.PROJECT, project);
    }

    public LinkChanges rewriteModel(Document model) {
        return rewrite(Holder.MODEL, model);
    }

    public LinkChanges rewriteTask(Document task) {
        return rewrite(Holder.TASK, task);
    }

    /**
     * Rewrites an entity as ClearML's REST API answers it (JSON, {@code execution.artifacts} a list, which the
     * table's {@code *} walks as it walks the stored map), for {@code relink --api-host}.
     */
    public LinkChanges rewrite(Holder kind, ObjectNode entity) {
        if (kind.isEvent()) {
            throw new IllegalArgumentException("events are rewritten by their type: use rewriteEvent");
        }
        return rewrite(kind, place -> PlaceSlots.in(entity, place.path()));
    }

    /**
     * Rewrites a task or model event ({@code model_event} changes nothing, data model §2.6) by its {@code type}:
     * a debug image's {@code url}; a plot's {@code plot_str} (with {@code plot_len} kept equal to its length in
     * code points, §2.5), its compressed {@code plot_data} (decompressed, rewritten, compressed again) and each of
     * its {@code source_urls}. Other event types hold no URL place.
     */
    public LinkChanges rewriteEvent(ObjectNode event) {
        return Holder.ofEventType(event.path("type").asText())
                .map(holder -> rewrite(holder, place -> PlaceSlots.in(event, place.path())))
                .orElse(LinkChanges.none());
    }

    private LinkChanges rewrite(Holder holder, Function<LinkPlace, List<Slot>> slots) {
        LinkChanges.Builder changes = new LinkChanges.Builder();
        for (LinkPlace place : LinkPlace.of(holder)) {
            if (places.contains(place)) {
                slots.apply(place).forEach(slot -> rewrite(place, slot, changes));
            }
        }
        return changes.build();
    }

    private void rewrite(LinkPlace place, Slot slot, LinkChanges.Builder changes) {
        Object value = slot.value();
        switch (place.form()) {
            case URL -> {
                if (value instanceof String url) {
                    rewriteUrl(url, place, changes).ifPresent(slot::replace);
                }
            }
            case MARKDOWN -> rewriteText(value, place, changes).ifPresent(slot::replace);
            case PLOT_JSON -> rewriteText(value, place, changes).ifPresent(after -> {
                slot.replace(after);
                slot.replaceSibling(PlotCodec.PLOT_LEN, PlotCodec.plotLen(after));
            });
            case COMPRESSED_PLOT -> {
                if (value instanceof String compressed) {
                    rewriteText(PlotCodec.decompress(compressed), place, changes)
                            .ifPresent(after -> slot.replace(PlotCodec.compress(after)));
                }
            }
            case URL_LIST -> {
                if (value instanceof List<?> urls) {
                    rewriteList(urls, place, changes).ifPresent(slot::replace);
                }
            }
        }
    }

    private Optional<List<Object>> rewriteList(List<?> values, LinkPlace place, LinkChanges.Builder changes) {
        List<Object> rewritten = new ArrayList<>(values);
        boolean changed = false;
        for (int i = 0; i < rewritten.size(); i++) {
            if (rewritten.get(i) instanceof String value) {
                Optional<String> after = rewriteUrl(value, place, changes);
                if (after.isPresent()) {
                    rewritten.set(i, after.get());
                    changed = true;
                }
            }
        }
        return changed ? Optional.of(rewritten) : Optional.empty();
    }

    private Optional<String> rewriteUrl(String value, LinkPlace place, LinkChanges.Builder changes) {
        Optional<String> after = map.rewrite(value);
        after.ifPresent(a -> changes.add(place, value, a));
        return after;
    }

    /** The text with every URL token translated, when one was. */
    private Optional<String> rewriteText(@Nullable Object value, LinkPlace place,
            LinkChanges.Builder changes) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String after = map.rewriteText(text, (before, rewritten) -> changes.add(place, before, rewritten));
        return after.equals(text) ? Optional.empty() : Optional.of(after);
    }
}
