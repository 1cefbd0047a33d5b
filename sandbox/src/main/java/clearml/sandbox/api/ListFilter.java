package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The condition a list field's values make ({@code GetMixin.get_list_field_query}): values match any of them; a
 * value after {@code __$not}, or (legacy) starting with {@code -}, excludes; {@code __$all}/{@code __$and} switch to
 * requiring all; a null also matches an empty or missing field.
 */
final class ListFilter {

    private final List<Object> included = new ArrayList<>();
    private final List<Object> excluded = new ArrayList<>();
    private boolean all;
    private boolean allowEmpty;

    private ListFilter() {
    }

    /** The condition for {@code values} (an array or a single value) on {@code field}, or null for none. */
    static @Nullable Bson of(String field, JsonNode values) {
        ListFilter filter = new ListFilter();
        filter.read(field, values.isArray() ? values : Json.NODES.arrayNode().add(values));
        return filter.condition(field);
    }

    private void read(String field, JsonNode values) {
        boolean negateNext = false;
        for (JsonNode value : values) {
            if (value.isNull()) {
                allowEmpty = true;
                continue;
            }
            String text = value.asText();
            switch (text) {
                case "__$not" -> negateNext = true;
                case "__$nop" -> negateNext = false;
                case "__$all", "__$and" -> all = true;
                case "__$any", "__$or" -> all = false;
                default -> {
                    boolean legacyExclusion = text.startsWith("-") && text.length() > 1;
                    (negateNext || legacyExclusion ? excluded : included)
                            .add(legacyExclusion ? text.substring(1) : text);
                    negateNext = false;
                }
            }
        }
        if (negateNext) {
            throw ApiError.FIELDS_VALUE_ERROR.withExtra("Value is expected after", "field", field);
        }
    }

    private @Nullable Bson condition(String field) {
        List<Bson> parts = new ArrayList<>();
        if (!included.isEmpty()) {
            parts.add(all ? Filters.all(field, included) : Filters.in(field, included));
        }
        if (!excluded.isEmpty()) {
            parts.add(all ? Filters.not(Filters.all(field, excluded)) : Filters.nin(field, excluded));
        }
        Bson values = parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : Filters.and(parts);
        if (!allowEmpty) {
            return values;
        }
        List<Bson> either = new ArrayList<>();
        if (values != null) {
            either.add(values);
        }
        either.add(Filters.exists(field, false));
        either.add(Filters.size(field, 0));
        either.add(Filters.eq(field, null));
        return Filters.or(either);
    }
}
