package clearml.migrate.links;

import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkPlace.Form;
import clearml.migrate.links.LinkPlace.Holder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The event part of a {@link LinkRewriter} as a painless script, for engines that change events themselves
 * ({@code _reindex} from a remote cluster): it sets {@code company_id} and rewrites the event places of the
 * {@link LinkPlace} table whose form is a whole URL, with {@link UrlMap#rewrite}'s rule (literal
 * prefixes, longest first, ending at a URL boundary). Places in free text or compressed plots are not rewritten
 * by the script: painless has no zlib, and a plot that outgrows ClearML's compression threshold would have to be
 * compressed (data model §2.5); {@link #rewritesInEngine} says which event types must go through the tool instead.
 */
public final class EngineRewrite {

    /** The same rule as {@code UrlMap.rewrite} and {@code UrlBoundaries.endsAtBoundary}, in painless. */
    private static final String SOURCE = """
            String rewrite(String url, List rules, String continuation) {
              for (def rule : rules) {
                String from = rule[0];
                if (url.startsWith(from) && endsAtBoundary(url, from, continuation)) {
                  String after = rule[1] + url.substring(from.length());
                  return after.equals(url) ? null : after;
                }
              }
              return null;
            }
            boolean endsAtBoundary(String url, String from, String continuation) {
              int end = from.length();
              if (from.endsWith('/') || end == url.length()) {
                return true;
              }
              char next = url.charAt(end);
              return !Character.isLetterOrDigit(next) && !continuation.contains(url.substring(end, end + 1));
            }
            ctx._source.company_id = params.company;
            def places = params.places.get(ctx._source.type);
            if (places != null) {
              for (def place : places) {
                def value = ctx._source[place[0]];
                if (value instanceof String) {
                  String after = rewrite(value, params.rules, params.continuation);
                  if (after != null) {
                    ctx._source[place[0]] = after;
                  }
                }
              }
            }
            """;

    /** Whole URLs only: no event type holds a list of URLs without also holding them in a plot (data model §7.4). */
    private static final Set<Form> SCRIPTED_FORMS = Set.of(Form.URL);

    private final UrlMap map;
    private final Set<LinkPlace> places;

    public EngineRewrite(UrlMap map) {
        this(map, LinkPlace.defaults());
    }

    public EngineRewrite(UrlMap map, Set<LinkPlace> places) {
        this.map = map;
        this.places = Set.copyOf(places);
    }

    /**
     * Whether the script applies every change the {@link LinkRewriter} would make to events of this type: always
     * with an empty map, else when each of the type's places has a form the script handles.
     */
    public boolean rewritesInEngine(EventType type) {
        return map.isEmpty() || Holder.ofEventType(type.value()).stream()
                .flatMap(holder -> LinkPlace.of(holder).stream())
                .filter(places::contains)
                .allMatch(place -> SCRIPTED_FORMS.contains(place.form()));
    }

    /** The {@code script} object of a reindex that moves events to {@code company}. */
    public ObjectNode script(ObjectMapper mapper, String company) {
        ObjectNode script = mapper.createObjectNode().put("lang", "painless").put("source", SOURCE);
        ObjectNode params = script.putObject("params").put("company", company)
                .put("continuation", UrlBoundaries.CONTINUATION);
        ArrayNode rules = params.putArray("rules");
        map.matchOrder().forEach(rule -> rules.addArray().add(rule.from()).add(rule.to()));
        ObjectNode byType = params.putObject("places");
        for (LinkPlace place : LinkPlace.values()) {
            if (place.holder().isEvent() && places.contains(place) && SCRIPTED_FORMS.contains(place.form())) {
                if (place.path().size() != 1) {
                    throw new IllegalStateException("The script handles top-level event fields only: " + place);
                }
                byType.withArray(place.holder().eventType().value()).addArray().add(place.path().get(0));
            }
        }
        return script;
    }
}
