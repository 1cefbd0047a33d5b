package clearml.migrate.archive;

/** Which names taken from a zip may be used as relative paths: the guard against zip-slip. */
final class SafeNames {

    private SafeNames() {
    }

    /**
     * True for a non-empty relative path with {@code /} separators whose segments are neither empty, {@code .}
     * nor {@code ..}, with no backslash, drive letter or control character.
     */
    static boolean isSafeRelativePath(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.matches("(?s)^[A-Za-z]:.*")
                || name.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
