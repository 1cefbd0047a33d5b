package clearml.migrate.proof;

import java.util.ArrayList;
import java.util.List;

/** The differences found so far; at most {@value #LIMIT} are kept, the rest only counted, so memory stays bounded. */
final class Differences {

    static final int LIMIT = 1000;

    private final List<Difference> kept = new ArrayList<>();
    private long total;

    void add(String kind, String id, String detail) {
        total++;
        if (kept.size() < LIMIT) {
            kept.add(new Difference(kind, id, detail));
        }
    }

    List<Difference> kept() {
        return List.copyOf(kept);
    }

    long notKept() {
        return total - kept.size();
    }
}
