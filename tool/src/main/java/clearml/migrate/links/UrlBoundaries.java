package clearml.migrate.links;

/**
 * Where a URL prefix may start and end. A prefix is matched literally (never as a regular expression, unlike
 * ClearML's {@code fix_mongo_urls.py}, data model §9 item 20); these rules only decide whether a literal hit is a
 * real prefix of a URL or a piece of a longer host, port or word.
 */
final class UrlBoundaries {

    /** Characters that continue a host, a port or a path segment: a prefix followed by one of them does not match. */
    static final String CONTINUATION = "-._~%:@+";

    /** Characters that may precede a URL inside a longer URL-like token (a scheme, a path): no token starts after them. */
    private static final String TOKEN_INNER = "+-._~%/:@";

    private UrlBoundaries() {
    }

    /**
     * Drops one trailing {@code /}, so that {@code http://a:8081/} and {@code http://a:8081} are the same prefix;
     * a scheme-only prefix such as {@code s3://} is kept whole.
     */
    static String normalize(String prefix) {
        if (prefix.endsWith("/") && !prefix.endsWith("://")) {
            return prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }

    /** Whether the normalized prefix found at {@code start} of {@code text} ends at a URL boundary. */
    static boolean endsAtBoundary(String text, int start, String prefix) {
        int end = start + prefix.length();
        if (prefix.endsWith("/") || end == text.length()) {
            return true;
        }
        char next = text.charAt(end);
        return !Character.isLetterOrDigit(next) && CONTINUATION.indexOf(next) < 0;
    }

    /** Whether a URL token may start at {@code index} of free text: at the start, or after a non-URL character. */
    static boolean startsToken(String text, int index) {
        if (index == 0) {
            return true;
        }
        char previous = text.charAt(index - 1);
        return !Character.isLetterOrDigit(previous) && TOKEN_INNER.indexOf(previous) < 0;
    }

    /**
     * The end of the URL token starting at {@code start}. What closes it depends on what opened it: after
     * {@code (} (a markdown link) the {@code )}, after a quote the same quote, after {@code [} or {@code <} the
     * matching bracket, each also at a line break, so URLs with literal spaces (data model §6.4) stay whole;
     * otherwise the first whitespace, quote, bracket or backslash.
     */
    static int tokenEnd(String text, int start) {
        char opener = start == 0 ? ' ' : text.charAt(start - 1);
        int closer = "(\"'[<".indexOf(opener);
        String stops = closer < 0 ? " \"'()<>[]{}`\\|^" : ")\"']>".charAt(closer) + "\n\r";
        int i = start;
        while (i < text.length() && stops.indexOf(text.charAt(i)) < 0
                && (closer >= 0 || !Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    /** Whether {@code c} may appear in a URL scheme ({@code s3}, {@code git+ssh}). */
    static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
    }
}
