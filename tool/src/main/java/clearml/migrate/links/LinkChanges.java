package clearml.migrate.links;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one rewrite of one document or event changed, in the order found. */
public record LinkChanges(List<LinkChange> changes) {

    private static final LinkChanges NONE = new LinkChanges(List.of());

    public LinkChanges {
        changes = List.copyOf(changes);
    }

    public static LinkChanges none() {
        return NONE;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** How many URLs changed in each place. */
    public Map<LinkPlace, Integer> countsByPlace() {
        Map<LinkPlace, Integer> counts = new EnumMap<>(LinkPlace.class);
        changes.forEach(c -> counts.merge(c.place(), 1, Integer::sum));
        return counts;
    }

    /** Collects changes while one document is rewritten. */
    static final class Builder {
        private final List<LinkChange> changes = new ArrayList<>();

        void add(LinkPlace place, String before, String after) {
            changes.add(new LinkChange(place, before, after));
        }

        LinkChanges build() {
            return changes.isEmpty() ? NONE : new LinkChanges(changes);
        }
    }
}
