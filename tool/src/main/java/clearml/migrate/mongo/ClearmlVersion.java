package clearml.migrate.mongo;

import clearml.migrate.failures.UsageException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClearML server release as a user names it on the command line, {@code 1.10} or {@code 2.0} (a patch number is
 * accepted and ignored): the release whose importer an archive is written for, or whose statistics an import
 * computes.
 *
 * @param major the major release, 1 or 2
 * @param minor the minor release
 */
public record ClearmlVersion(int major, int minor) implements Comparable<ClearmlVersion> {

    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(\\.\\d+)?");
    private static final Comparator<ClearmlVersion> ORDER =
            Comparator.comparingInt(ClearmlVersion::major).thenComparingInt(ClearmlVersion::minor);

    /**
     * Reads {@code text} given to {@code flag}.
     *
     * @throws UsageException when it is not a ClearML 1.x or 2.x release number
     */
    public static ClearmlVersion parse(String text, String flag) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1 || Integer.parseInt(matcher.group(1)) > 2) {
            throw new UsageException(flag + " takes a ClearML server release such as 1.10, 1.16 or 2.0, not '" + text
                    + "'");
        }
        return new ClearmlVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Which shapes this release stores. */
    public ServerGeneration generation() {
        return major >= 2 ? ServerGeneration.V2 : ServerGeneration.V1;
    }

    /** Whether this release is {@code other} or newer. */
    public boolean atLeast(ClearmlVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ClearmlVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
