package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * A {@code get_all} query ({@code GetMixin.get_many}): the company's (and, when allowed, public) entities matching
 * the call's filters, projected by {@code only_fields}, ordered by {@code order_by} plus {@code id} with empty values
 * of the first ascending field last, one page of them: {@code page}/{@code page_size} (the size cut to the maximum,
 * 500 by default, also when no paging is asked for), or a scroll ({@code scroll_id} with {@code size}, not cut).
 */
final class Listing {

    private final ScrollStates scrolls;
    private final int maxPageSize;

    Listing(ScrollStates scrolls, int maxPageSize) {
        this.scrolls = scrolls;
        this.maxPageSize = maxPageSize;
    }

    /** One page of stored documents and, for a scroll, its id. */
    record Page(List<Document> documents, @Nullable String scrollId) {

        /** A {@code get_all} answer: the documents under {@code field}, and the scroll id when scrolling. */
        ObjectNode answer(String field, Function<Document, ObjectNode> convert) {
            ObjectNode answer = Json.object();
            answer.set(field, ApiDocuments.toApi(documents, convert));
            if (scrollId != null) {
                answer.put("scroll_id", scrollId);
            }
            return answer;
        }
    }

    Page list(MongoCollection<Document> collection, ObjectNode data, Bson scope, ListOptions options) {
        Bson filter = Filters.and(scope, filter(data, options));
        ScrollStates.State scroll = data.has("scroll_id") ? scrolls.find(data.path("scroll_id").textValue()) : null;
        long start;
        int size;
        if (scroll != null) {
            size = scrollSize(data);
            start = scroll.position();
        } else if (data.hasNonNull("start")) {
            size = scrollSize(data);
            start = data.path("start").asLong();
        } else {
            int pageSize = pageSize(data);
            size = Math.min(pageSize, maxPageSize);
            start = (long) page(data) * size;
        }
        List<Document> documents = fetch(collection, filter, data, options, start, size);
        if (scroll == null) {
            return new Page(documents, null);
        }
        scrolls.save(scroll.id(), start + documents.size());
        return new Page(documents, scroll.id());
    }

    /** The condition of the call's filter fields, the hidden-entity rule included. */
    static Bson filter(ObjectNode data, ListOptions options) {
        List<Bson> conditions = new ArrayList<>();
        for (String field : options.patternFields()) {
            String pattern = data.path(field).textValue();
            if (pattern != null && !pattern.isEmpty()) {
                conditions.add(Filters.regex(field, pattern));
            }
        }
        for (String field : options.listFields()) {
            JsonNode values = data.get(field);
            Bson condition = values == null ? null : ListFilter.of("id".equals(field) ? "_id" : field, values);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        data.fields().forEachRemaining(entry -> {
            if (isEqualityField(entry.getKey(), options.equalityFields()) && !entry.getValue().isNull()) {
                conditions.add(Filters.eq(entry.getKey(), Json.toBson(entry.getValue())));
            }
        });
        if (options.skipsHidden() && !data.path("search_hidden").asBoolean(false) && !data.hasNonNull("id")) {
            conditions.add(Filters.ne("system_tags", "hidden"));
        }
        return conditions.isEmpty() ? new Document() : Filters.and(conditions);
    }

    private static boolean isEqualityField(String field, Set<String> equalityFields) {
        return equalityFields.contains(field) || equalityFields.stream()
                .anyMatch(pattern -> pattern.endsWith("*") && field.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    private static int scrollSize(ObjectNode data) {
        JsonNode size = data.path("size");
        if (!size.isIntegralNumber() || size.asInt() < 1) {
            throw ApiError.VALIDATION_ERROR.withExtra(
                    "Integer size parameter greater than 1 should be provided when working with scroll");
        }
        return size.asInt();
    }

    private int pageSize(ObjectNode data) {
        JsonNode pageSize = data.path("page_size");
        int value = pageSize.isNumber() ? pageSize.asInt() : maxPageSize;
        if (value < 1) {
            throw ApiError.VALIDATION_ERROR.withExtra("page_size must be >0", "field", "page_size");
        }
        return value;
    }

    private static int page(ObjectNode data) {
        int page = data.path("page").asInt(0);
        if (page < 0) {
            throw ApiError.VALIDATION_ERROR.withExtra("page must be >=0", "field", "page");
        }
        return page;
    }

    private static List<Document> fetch(MongoCollection<Document> collection, Bson filter, ObjectNode data,
                                        ListOptions options, long start, int size) {
        List<String> order = order(data);
        Bson projection = projection(data, options);
        List<Bson> filters = nullsLast(filter, order);
        List<Document> page = new ArrayList<>();
        long skip = start;
        int remaining = size;
        for (int i = 0; i < filters.size() && remaining > 0; i++) {
            FindIterable<Document> found = collection.find(filters.get(i)).sort(sort(order))
                    .skip((int) skip).limit(remaining);
            if (projection != null) {
                found = found.projection(projection);
            }
            int before = page.size();
            found.into(page);
            int added = page.size() - before;
            if (added > 0) {
                skip = 0;
                remaining -= added;
            } else if (i < filters.size() - 1) {
                skip -= Math.min(skip, collection.countDocuments(filters.get(i)));
            }
        }
        return page;
    }

    /** {@code order_by} with {@code id} appended unless present ({@code validate_order_by}). */
    private static List<String> order(ObjectNode data) {
        List<String> order = new ArrayList<>();
        JsonNode orderBy = data.path("order_by");
        (orderBy.isArray() ? orderBy : Json.NODES.arrayNode().add(orderBy)).forEach(field -> {
            if (field.isTextual() && !field.asText().isEmpty() && !field.asText().equals("@text_score")) {
                order.add(field.asText().replaceFirst("^(-?)id$", "$1_id"));
            }
        });
        if (!order.contains("_id") && !order.contains("-_id")) {
            order.add("_id");
        }
        return order;
    }

    private static Bson sort(List<String> order) {
        List<Bson> sorts = new ArrayList<>();
        for (String field : order) {
            sorts.add(field.startsWith("-") ? Sorts.descending(field.substring(1)) : Sorts.ascending(field));
        }
        return Sorts.orderBy(sorts);
    }

    /** The server queries entities with a value in the first ascending order field first, the others after. */
    private static List<Bson> nullsLast(Bson filter, List<String> order) {
        String first = order.get(0);
        if (first.startsWith("-") || first.equals("_id")) {
            return List.of(filter);
        }
        return List.of(Filters.and(filter, Filters.ne(first, null)), Filters.and(filter, Filters.eq(first, null)));
    }

    /** {@code only_fields} (or {@code projection}) with {@code -field} exclusions and the hidden fields. */
    private static @Nullable Bson projection(ObjectNode data, ListOptions options) {
        JsonNode requested = data.has("projection") ? data.get("projection") : data.path("only_fields");
        Set<String> include = new HashSet<>();
        Set<String> exclude = new HashSet<>(options.hiddenFields());
        requested.forEach(field -> {
            String name = field.asText();
            if (name.startsWith("-")) {
                exclude.add(name.substring(1));
            } else if (!name.isEmpty()) {
                include.add("id".equals(name) ? "_id" : name);
            }
        });
        if (!include.isEmpty()) {
            return Projections.include(new ArrayList<>(include));
        }
        return exclude.isEmpty() ? null : Projections.exclude(new ArrayList<>(exclude));
    }

    /** The company constraint: the caller's company, and public ({@code company ""}) entities when allowed. */
    static Bson scope(String company, boolean allowPublic) {
        return allowPublic ? Filters.in("company", company, "") : Filters.eq("company", company);
    }

}
