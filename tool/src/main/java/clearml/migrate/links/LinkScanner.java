package clearml.migrate.links;

import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Lists the URLs held in the URL places (see {@link LinkPlace}) of a document or an event, without changing
 * anything: what export needs to collect file-server files for the {@code .artifacts} companion (data model §3.10).
 * Each list is in the order found, without repeats.
 *
 * <p>A whole-URL place gives its value when it contains {@code ://}. Markdown gives each URL token (see
 * {@code UrlBoundaries.tokenEnd}). A plot gives every {@code source} string in its JSON, as ClearML's plot regex
 * does but with JSON escapes decoded, plus its {@code source_urls}.
 */
public final class LinkScanner {

    private static final JsonMapper PLOT_JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Set<LinkPlace> places;

    /** Scans the places {@link LinkPlace#defaults()}. */
    public LinkScanner() {
        this(LinkPlace.defaults());
    }

    public LinkScanner(Set<LinkPlace> places) {
        this.places = Set.copyOf(places);
    }

    /** The URLs of an entity document of the given kind. */
    public List<String> collectUrls(LinkPlace.Holder kind, Document document) {
        Set<String> found = new LinkedHashSet<>();
        switch (kind) {
            case PROJECT -> {
                text(document.get("description"), LinkPlace.PROJECT_DESCRIPTION, found);
                url(document.get("default_output_destination"), LinkPlace.PROJECT_DEFAULT_OUTPUT_DESTINATION, found);
                url(document.get("logo_url"), LinkPlace.PROJECT_LOGO_URL, found);
            }
            case TASK -> collectTask(document, found);
            case MODEL -> url(document.get("uri"), LinkPlace.MODEL_URI, found);
            case EVENT -> throw new IllegalArgumentException("events are ObjectNodes: use collectUrls(ObjectNode)");
        }
        return List.copyOf(found);
    }

    /** The URLs of a task or model event, by its {@code type}. */
    public List<String> collectUrls(ObjectNode event) {
        Set<String> found = new LinkedHashSet<>();
        String type = event.path("type").asText();
        if (EventType.TRAINING_DEBUG_IMAGE.value().equals(type)) {
            url(event.path("url").textValue(), LinkPlace.DEBUG_IMAGE_URL, found);
        } else if (EventType.PLOT.value().equals(type)) {
            collectPlot(event, found);
        }
        return List.copyOf(found);
    }

    private void collectTask(Document task, Set<String> found) {
        for (Map<String, Object> artifact : DocumentFields.artifacts(task)) {
            url(artifact.get("uri"), LinkPlace.TASK_ARTIFACT_URI, found);
            DocumentFields.child(artifact, "type_data")
                    .ifPresent(typeData -> text(typeData.get("preview"), LinkPlace.TASK_ARTIFACT_PREVIEW, found));
        }
        DocumentFields.child(task, "output")
                .ifPresent(output -> url(output.get("destination"), LinkPlace.TASK_OUTPUT_DESTINATION, found));
        text(task.get("report"), LinkPlace.TASK_REPORT, found);
        if (task.get("report_assets") instanceof List<?> assets) {
            assets.forEach(asset -> url(asset, LinkPlace.TASK_REPORT_ASSETS, found));
        }
    }

    private void collectPlot(ObjectNode plot, Set<String> found) {
        if (places.contains(LinkPlace.PLOT_STR) && plot.path(PlotCodec.PLOT_STR).isTextual()) {
            plotSources(plot.get(PlotCodec.PLOT_STR).asText(), found);
        }
        if (places.contains(LinkPlace.PLOT_DATA) && plot.path(PlotCodec.PLOT_DATA).isTextual()) {
            plotSources(PlotCodec.decompress(plot.get(PlotCodec.PLOT_DATA).asText()), found);
        }
        plot.path(PlotCodec.SOURCE_URLS).forEach(source -> url(source.textValue(), LinkPlace.PLOT_SOURCE_URLS, found));
    }

    /** Every {@code "source": "<scheme>://…"} string of a plotly figure; markdown-style tokens if it is not JSON. */
    private static void plotSources(String plotJson, Set<String> found) {
        try {
            for (JsonNode source : PLOT_JSON.readTree(plotJson).findValues("source")) {
                if (source.isTextual() && source.asText().contains("://")) {
                    found.add(source.asText());
                }
            }
        } catch (JacksonException notJson) {
            found.addAll(urlTokens(plotJson));
        }
    }

    private void url(Object value, LinkPlace place, Set<String> found) {
        if (value instanceof String url && url.contains("://") && places.contains(place)) {
            found.add(url);
        }
    }

    private void text(Object value, LinkPlace place, Set<String> found) {
        if (value instanceof String text && places.contains(place)) {
            found.addAll(urlTokens(text));
        }
    }

    /** Each {@code scheme://…} token of free text that starts where a URL may start. */
    static List<String> urlTokens(String text) {
        List<String> tokens = new ArrayList<>();
        int separator = text.indexOf("://");
        while (separator >= 0) {
            int start = separator;
            while (start > 0 && UrlBoundaries.isSchemeChar(text.charAt(start - 1))) {
                start--;
            }
            boolean scheme = start < separator && Character.isLetter(text.charAt(start))
                    && UrlBoundaries.startsToken(text, start);
            int end = scheme ? UrlBoundaries.tokenEnd(text, start) : separator + 3;
            if (scheme && end > separator + 3) {
                tokens.add(text.substring(start, end));
            }
            separator = text.indexOf("://", Math.max(end, separator + 3));
        }
        return tokens;
    }
}
