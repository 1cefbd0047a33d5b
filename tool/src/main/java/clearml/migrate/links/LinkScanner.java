package clearml.migrate.links;

import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkPlace.Holder;
import clearml.migrate.links.PlaceSlots.Slot;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

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
    public List<String> collectUrls(Holder kind, Document document) {
        if (kind.isEvent()) {
            throw new IllegalArgumentException("events are ObjectNodes: use collectUrls(ObjectNode)");
        }
        return collect(kind, place -> PlaceSlots.in(document, place.path()));
    }

    /** The URLs of a task or model event, by its {@code type}. */
    public List<String> collectUrls(ObjectNode event) {
        return Holder.ofEventType(event.path("type").asText())
                .map(holder -> collect(holder, place -> PlaceSlots.in(event, place.path())))
                .orElse(List.of());
    }

    private List<String> collect(Holder holder, Function<LinkPlace, List<Slot>> slots) {
        Set<String> found = new LinkedHashSet<>();
        for (LinkPlace place : LinkPlace.of(holder)) {
            if (places.contains(place)) {
                slots.apply(place).forEach(slot -> collect(place.form(), slot.value(), found));
            }
        }
        return List.copyOf(found);
    }

    private static void collect(LinkPlace.Form form, @Nullable Object value, Set<String> found) {
        if (value instanceof List<?> list && form == LinkPlace.Form.URL_LIST) {
            list.forEach(element -> url(element, found));
        } else if (value instanceof String text) {
            switch (form) {
                case URL -> url(text, found);
                case MARKDOWN -> found.addAll(urlTokens(text));
                case PLOT_JSON -> plotSources(text, found);
                case COMPRESSED_PLOT -> plotSources(PlotCodec.decompress(text), found);
                case URL_LIST -> { } // a list place holding one string is no list: ClearML would not read it
            }
        }
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

    private static void url(@Nullable Object value, Set<String> found) {
        if (value instanceof String url && url.contains("://")) {
            found.add(url);
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
