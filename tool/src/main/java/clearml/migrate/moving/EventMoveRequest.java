package clearml.migrate.moving;

import clearml.migrate.links.UrlMap;
import java.util.List;

/**
 * Which events move and how they change on the way, as an import changes them (data model §2.1, §5.6): every event
 * of the given tasks and models in the source company's indices goes to the target company's indices with
 * {@code company_id} set to it and its URL places rewritten through the map; ids, task ids and every other field
 * stay as stored.
 *
 * @param sourceCompany the company whose indices hold the events at the source ({@code ""} = public data)
 * @param targetCompany the company that owns them at the target
 * @param entityIds task and model ids (model events live in the same indices, data model §2.6)
 * @param urlMap the {@code --url-map} translations; empty changes no link
 * @param via the way asked for
 */
public record EventMoveRequest(String sourceCompany, String targetCompany, List<String> entityIds, UrlMap urlMap,
        EventsVia via) {

    public EventMoveRequest {
        entityIds = List.copyOf(entityIds);
    }
}
