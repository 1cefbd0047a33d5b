package clearml.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Installs ClearML's event index templates the way apiserver 1.15+ does (clearml-data-model.md §2.2): the component
 * template {@code events_common}, then one composable index template per event type (priority 500). Works on
 * OpenSearch 2.x and Elasticsearch 7.17, which share this API.
 */
public final class EventTemplates {

    /** The index templates, each composed of {@code events_common}; none for the legacy vector type (§2.2). */
    static final List<String> INDEX_TEMPLATES = List.of(
            "events_log", "events_plot", "events_training_debug_image", "events_training_stats_scalar");

    private EventTemplates() {
    }

    /** Puts (or replaces) the component template and the four index templates on the node at {@code elastic}. */
    public static void install(URI elastic) {
        ElasticHttp http = new ElasticHttp(elastic);
        http.put("/_component_template/events_common", resource("events_common"));
        for (String name : INDEX_TEMPLATES) {
            http.put("/_index_template/" + name, resource(name));
        }
    }

    private static String resource(String name) {
        String path = "templates/" + name + ".json";
        try (InputStream in = EventTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template resource clearml/sandbox/" + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + path, e);
        }
    }
}
