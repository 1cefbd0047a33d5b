package clearml.migrate.links;

import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

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
    public LinkChanges rewrite(LinkPlace.Holder kind, Document document) {
        return switch (kind) {
            case PROJECT -> rewriteProject(document);
            case TASK -> rewriteTask(document);
            case MODEL -> rewriteModel(document);
            case EVENT -> throw new IllegalArgumentException("events are ObjectNodes: use rewriteEvent");
        };
    }

    public LinkChanges rewriteProject(Document project) {
        LinkChanges.Builder changes = new LinkChanges.Builder();
        text(project, "description", LinkPlace.PROJECT_DESCRIPTION, changes);
        url(project, "default_output_destination", LinkPlace.PROJECT_DEFAULT_OUTPUT_DESTINATION, changes);
        url(project, "logo_url", LinkPlace.PROJECT_LOGO_URL, changes);
        return changes.build();
    }

    public LinkChanges rewriteModel(Document model) {
        LinkChanges.Builder changes = new LinkChanges.Builder();
        url(model, "uri", LinkPlace.MODEL_URI, changes);
        return changes.build();
    }

    public LinkChanges rewriteTask(Document task) {
        LinkChanges.Builder changes = new LinkChanges.Builder();
        for (Map<String, Object> artifact : DocumentFields.artifacts(task)) {
            url(artifact, "uri", LinkPlace.TASK_ARTIFACT_URI, changes);
            DocumentFields.child(artifact, "type_data")
                    .ifPresent(typeData -> text(typeData, "preview", LinkPlace.TASK_ARTIFACT_PREVIEW, changes));
        }
        DocumentFields.child(task, "output")
                .ifPresent(output -> url(output, "destination", LinkPlace.TASK_OUTPUT_DESTINATION, changes));
        text(task, "report", LinkPlace.TASK_REPORT, changes);
        urlList(task, "report_assets", LinkPlace.TASK_REPORT_ASSETS, changes);
        return changes.build();
    }

    /**
     * Rewrites a task or model event ({@code model_event} changes nothing, data model §2.6) by its {@code type}:
     * a debug image's {@code url}; a plot's {@code plot_str} (with {@code plot_len} kept equal to its length in
     * code points, §2.5), its compressed {@code plot_data} (decompressed, rewritten, compressed again) and each of
     * its {@code source_urls}. Other event types hold no URL place.
     */
    public LinkChanges rewriteEvent(ObjectNode event) {
        LinkChanges.Builder changes = new LinkChanges.Builder();
        String type = event.path("type").asText();
        if (EventType.TRAINING_DEBUG_IMAGE.value().equals(type)) {
            url(event, "url", LinkPlace.DEBUG_IMAGE_URL, changes);
        } else if (EventType.PLOT.value().equals(type)) {
            rewritePlot(event, changes);
        }
        return changes.build();
    }

    private void rewritePlot(ObjectNode plot, LinkChanges.Builder changes) {
        if (text(plot, PlotCodec.PLOT_STR, LinkPlace.PLOT_STR, changes) && plot.has(PlotCodec.PLOT_LEN)) {
            plot.put(PlotCodec.PLOT_LEN, PlotCodec.plotLen(plot.get(PlotCodec.PLOT_STR).asText()));
        }
        JsonNode data = plot.get(PlotCodec.PLOT_DATA);
        if (data != null && data.isTextual() && places.contains(LinkPlace.PLOT_DATA)) {
            String before = PlotCodec.decompress(data.asText());
            String after = rewriteText(before, LinkPlace.PLOT_DATA, changes);
            if (!after.equals(before)) {
                plot.put(PlotCodec.PLOT_DATA, PlotCodec.compress(after));
            }
        }
        JsonNode sources = plot.get(PlotCodec.SOURCE_URLS);
        if (sources instanceof ArrayNode array && places.contains(LinkPlace.PLOT_SOURCE_URLS)) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    int index = i;
                    rewriteUrl(array.get(i).asText(), LinkPlace.PLOT_SOURCE_URLS, changes)
                            .ifPresent(after -> array.set(index, TextNode.valueOf(after)));
                }
            }
        }
    }

    private void url(Map<String, Object> holder, String field, LinkPlace place, LinkChanges.Builder changes) {
        if (holder.get(field) instanceof String value && places.contains(place)) {
            rewriteUrl(value, place, changes).ifPresent(after -> holder.put(field, after));
        }
    }

    private void url(ObjectNode holder, String field, LinkPlace place, LinkChanges.Builder changes) {
        JsonNode value = holder.get(field);
        if (value != null && value.isTextual() && places.contains(place)) {
            rewriteUrl(value.asText(), place, changes).ifPresent(after -> holder.put(field, after));
        }
    }

    private void urlList(Map<String, Object> holder, String field, LinkPlace place, LinkChanges.Builder changes) {
        if (!(holder.get(field) instanceof List<?> values) || !places.contains(place)) {
            return;
        }
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
        if (changed) {
            holder.put(field, rewritten);
        }
    }

    private void text(Map<String, Object> holder, String field, LinkPlace place, LinkChanges.Builder changes) {
        if (holder.get(field) instanceof String value && places.contains(place)) {
            String after = rewriteText(value, place, changes);
            if (!after.equals(value)) {
                holder.put(field, after);
            }
        }
    }

    /** Rewrites a text field of an event; true when it changed. */
    private boolean text(ObjectNode holder, String field, LinkPlace place, LinkChanges.Builder changes) {
        JsonNode value = holder.get(field);
        if (value == null || !value.isTextual() || !places.contains(place)) {
            return false;
        }
        String after = rewriteText(value.asText(), place, changes);
        if (after.equals(value.asText())) {
            return false;
        }
        holder.put(field, after);
        return true;
    }

    private Optional<String> rewriteUrl(String value, LinkPlace place, LinkChanges.Builder changes) {
        Optional<String> after = map.rewrite(value);
        after.ifPresent(a -> changes.add(place, value, a));
        return after;
    }

    private String rewriteText(String value, LinkPlace place, LinkChanges.Builder changes) {
        return map.rewriteText(value, (before, after) -> changes.add(place, before, after));
    }
}
