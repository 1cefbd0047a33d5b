package clearml.migrate.relinking;

import clearml.migrate.events.EventIndex;
import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Which companies' data a relink touches ({@code --company}); no company means all.
 *
 * <p>A company {@code X} covers its own entities ({@code company: X}) and the public ones made public from it
 * ({@code company: ""}, {@code company_origin: X}, data model §1.2): their events live in {@code X}'s indices, so
 * relinking only one half would leave the web app showing a task whose debug images and artifacts disagree. The
 * company {@code ""} ({@code --company ""}) covers every public entity and the public indices {@code events-*-}.
 * Index names hold the company lower-cased (data model §2.1), so indices are matched case-insensitively.
 */
final class CompanyScope {

    private final Set<String> companies;

    CompanyScope(List<String> companies) {
        this.companies = Set.copyOf(companies);
    }

    boolean isAll() {
        return companies.isEmpty();
    }

    /** The MongoDB filter selecting the covered entities; an empty filter for all. */
    Bson entityFilter() {
        if (isAll()) {
            return new Document();
        }
        return Filters.or(Filters.in("company", companies),
                Filters.and(Filters.eq("company", ""), Filters.in("company_origin", companies)));
    }

    boolean covers(EventIndex index) {
        return isAll() || lowerCased().contains(index.company());
    }

    private Set<String> lowerCased() {
        return companies.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
