package clearml.migrate.files;

/**
 * Which strings are safe paths under a file-server root: the one guard against writing outside a target
 * (zip-slip) and against reading outside a source.
 */
public final class RelativePaths {

    private RelativePaths() {
    }

    /**
     * True for a non-empty path with {@code /} separators whose segments are neither empty, {@code .} nor
     * {@code ..}, with no backslash, no drive letter, no NUL or other control character, and no leading {@code /}.
     */
    public static boolean isSafe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.matches("(?s)^[A-Za-z]:.*")
                || path.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** The path itself when {@link #isSafe(String)}, else an {@link IllegalArgumentException} naming it. */
    public static String require(String path) {
        if (!isSafe(path)) {
            throw new IllegalArgumentException("not a safe path under a file-server root: " + printable(path));
        }
        return path;
    }

    /** The path with control characters shown as {@code ?}, for a one-line message. */
    public static String printable(String path) {
        return path.replaceAll("\\p{Cntrl}", "?");
    }
}
