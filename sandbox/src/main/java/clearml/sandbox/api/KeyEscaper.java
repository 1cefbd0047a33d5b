package clearml.sandbox.api;

import java.util.Map;
import org.bson.Document;

/**
 * How the server makes user keys safe for MongoDB ({@code utilities/parameter_key_escaper.py}, data model §1.2):
 * {@code %} becomes {@code %%}, then {@code .} {@code %2E}, {@code $} {@code %24}, {@code __} {@code %_%_}, and a
 * leading {@code _} {@code %_}. Hyperparameter sections and names, configuration names, {@code container} and
 * {@code execution.model_labels} keys and model metadata keys are stored escaped and answered unescaped.
 */
final class KeyEscaper {

    private static final String[][] MAPPING = {{".", "%2E"}, {"$", "%24"}, {"__", "%_%_"}};

    private KeyEscaper() {
    }

    static String escape(String key) {
        String value = key.strip().replace("%", "%%");
        for (String[] pair : MAPPING) {
            value = value.replace(pair[0], pair[1]);
        }
        return value.startsWith("_") ? "%_" + value.substring(1) : value;
    }

    static String unescape(String key) {
        String[] parts = key.split("%%", -1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            for (String[] pair : MAPPING) {
                part = part.replace(pair[1], pair[0]);
            }
            value.append(i == 0 ? "" : "%").append(part);
        }
        String text = value.toString();
        return text.startsWith("%_") ? "_" + text.substring(2) : text;
    }

    /** {@code map} with every key escaped (or unescaped), values untouched, order kept. */
    static Document keys(Map<String, Object> map, boolean escape) {
        Document result = new Document();
        map.forEach((key, value) -> result.put(escape ? escape(key) : unescape(key), value));
        return result;
    }
}
