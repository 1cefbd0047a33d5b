package clearml.migrate.mongo;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A dotted schema-migration number such as {@code 1.9.0} from {@code backend.versions.num} (data model §8.2),
 * ordered numerically part by part, so {@code 1.10.0} is newer than {@code 1.9.0}.
 *
 * @param text the number as stored
 */
public record SchemaVersion(String text) implements Comparable<SchemaVersion> {

    private static final Comparator<int[]> PARTS = Arrays::compare;

    @Override
    public int compareTo(SchemaVersion other) {
        return PARTS.compare(parts(), other.parts());
    }

    /** The first part, {@code 1} of {@code 1.9.0}. */
    public int major() {
        return parts()[0];
    }

    /** The numeric parts; a part that is not a number counts as 0 so an odd record cannot break the ordering. */
    private int[] parts() {
        return Arrays.stream(text.split("\\.")).mapToInt(SchemaVersion::number).toArray();
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
