package clearml.migrate.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while reading, one line each. At most {@value #LIMIT} are kept, so a badly broken archive
 * cannot fill the memory; the last line then says how many more there were.
 */
final class Problems {

    static final int LIMIT = 1000;

    private final List<String> lines = new ArrayList<>();
    private long dropped;

    void add(String problem) {
        if (lines.size() < LIMIT) {
            lines.add(problem);
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<String> lines() {
        if (dropped == 0) {
            return List.copyOf(lines);
        }
        List<String> all = new ArrayList<>(lines);
        all.add("… and " + dropped + " more problems");
        return List.copyOf(all);
    }
}
