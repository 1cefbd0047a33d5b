package clearml.migrate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** ClearML's {@code events_common} component template as index settings and mappings (clearml-data-model.md §2.2). */
final class EventMapping {

    private EventMapping() {
    }

    /** The body of {@code PUT /<index>} creating an event index with the fields all event types share. */
    static ObjectNode commonIndex() {
        ObjectNode body = ElasticJson.MAPPER.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        ObjectNode mappings = body.putObject("mappings");
        mappings.putObject("_source").put("enabled", true);
        ObjectNode properties = mappings.putObject("properties");
        String[][] fields = {
            {"@timestamp", "date"}, {"task", "keyword"}, {"type", "keyword"}, {"worker", "keyword"},
            {"timestamp", "date"}, {"iter", "long"}, {"metric", "keyword"}, {"variant", "keyword"},
            {"value", "float"}, {"company_id", "keyword"}, {"model_event", "boolean"},
        };
        for (String[] field : fields) {
            properties.putObject(field[0]).put("type", field[1]);
        }
        return body;
    }
}
