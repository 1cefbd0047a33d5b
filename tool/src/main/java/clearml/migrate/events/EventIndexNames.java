package clearml.migrate.events;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ClearML's event index names and patterns (clearml-data-model.md §2.1): {@code events-<type>-<company lower>},
 * {@code events-*-<company lower>} for all types, and a trailing dash for public data (company {@code ""}).
 */
public final class EventIndexNames {

    /** Every ClearML event index of every company. */
    public static final String ALL = "events-*";

    private static final String PREFIX = "events-";

    private EventIndexNames() {
    }

    /** The index holding one company's events of one type; the company is lower-cased as ClearML ≥1.5 does. */
    public static String index(EventType type, String company) {
        return PREFIX + type.value() + "-" + lower(company);
    }

    /** {@link #index} of every type for one company, built once: the import names an index per event. */
    public static Map<EventType, String> byType(String company) {
        Map<EventType, String> names = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            names.put(type, index(type, company));
        }
        return Collections.unmodifiableMap(names);
    }

    /** The pattern matching all of one company's event indices ({@code events-*-} for public data). */
    public static String allTypes(String company) {
        return PREFIX + "*-" + lower(company);
    }

    /** A comma-separated multi-target naming all event indices of the given companies. */
    public static String allTypes(Collection<String> companies) {
        return companies.stream().map(EventIndexNames::allTypes).distinct().collect(Collectors.joining(","));
    }

    /**
     * Splits an index name back into type and company; empty for names that are not ClearML event indices
     * (another prefix, an unknown type). The company comes back as the name has it, i.e. lower-cased.
     */
    public static Optional<EventIndexName> parse(String indexName) {
        if (!indexName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = indexName.substring(PREFIX.length());
        int dash = rest.indexOf('-'); // type values never contain a dash, company ids never start the rest
        if (dash < 0) {
            return Optional.empty();
        }
        return typeOf(rest.substring(0, dash)).map(type -> new EventIndexName(type, rest.substring(dash + 1)));
    }

    private static Optional<EventType> typeOf(String value) {
        for (EventType type : EventType.values()) {
            if (type.value().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static String lower(String company) {
        return company.toLowerCase(Locale.ROOT);
    }
}
