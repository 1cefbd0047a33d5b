package clearml.migrate.moving;

import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an import changes in a stored event on its way to the target, applied by the tool (the streaming way):
 * {@code company_id} (data model §5.6) and the URL places through {@link LinkRewriter}. A plot whose rewritten
 * {@code plot_str} reaches ClearML's compression threshold is stored compressed, as the server would store it
 * (§2.5). Everything else, the id and {@code task} included, stays as stored.
 */
final class EventChanges {

    private final String company;
    private final LinkRewriter links;
    private final boolean rewriteLinks;

    EventChanges(String company, UrlMap urlMap) {
        this.company = company;
        this.links = new LinkRewriter(urlMap);
        this.rewriteLinks = !urlMap.isEmpty();
    }

    /** Changes the event in place and says which links changed. */
    LinkChanges apply(ObjectNode event) {
        event.put("company_id", company);
        if (!rewriteLinks) {
            return LinkChanges.none();
        }
        LinkChanges changes = links.rewriteEvent(event);
        if (!changes.isEmpty()) {
            compressWhenGrown(event);
        }
        return changes;
    }

    private static void compressWhenGrown(ObjectNode event) {
        JsonNode plot = event.get(PlotCodec.PLOT_STR);
        if (plot != null && plot.isTextual() && PlotCodec.isCompressedWhenStored(plot.textValue())) {
            event.put(PlotCodec.PLOT_DATA, PlotCodec.compress(plot.textValue()));
            event.remove(PlotCodec.PLOT_STR);
        }
    }
}
