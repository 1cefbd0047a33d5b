package clearml.sandbox.api;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** {@code tags} and {@code system_tags}: stored sorted ({@code SafeSortedListField}), no {@code __$} prefixes. */
final class Tags {

    private static final List<String> FIELDS = List.of("tags", "system_tags");

    private Tags() {
    }

    /** {@code validate_tags}: an operator prefix is not a tag. */
    static void validate(Document fields) {
        for (String field : FIELDS) {
            if (fields.get(field) instanceof List<?> tags) {
                List<String> unsupported = new ArrayList<>();
                tags.forEach(tag -> {
                    if (String.valueOf(tag).startsWith("__$")) {
                        unsupported.add(String.valueOf(tag));
                    }
                });
                if (!unsupported.isEmpty()) {
                    throw ApiError.FIELDS_VALUE_ERROR.withExtra("unsupported tag prefix", "values", unsupported);
                }
            }
        }
    }

    static void sort(Document fields) {
        for (String field : FIELDS) {
            if (fields.get(field) instanceof List<?> tags) {
                List<String> sorted = new ArrayList<>();
                tags.forEach(tag -> sorted.add(String.valueOf(tag)));
                sorted.sort(null);
                fields.put(field, sorted);
            }
        }
    }
}
