package clearml.migrate.links;

import clearml.migrate.failures.UsageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which URLs point at the file server, and maps such a URL to its path under the file-server root.
 *
 * <p>With {@code --fileserver-url PREFIX...} the given prefixes decide, literally and case-sensitively, with the
 * boundary rules of {@link UrlMap}; a prefix with a path part (the web server's {@code /files/} proxy, data model
 * §6.4) is cut off whole. Without prefixes ClearML's own heuristic decides (data model §3.10): the lower-cased URL
 * starts with {@code https://files.}, or its scheme is http/https and its host-and-port ends with {@code 8081};
 * the path is then the whole URL path. Either way the path is percent-decoded as UTF-8 (ClearML's
 * {@code unquote}: {@code +} stays, a malformed {@code %} sequence stays), the query and fragment are dropped, and
 * leading slashes are removed.
 */
public final class FileServerUrls {

    private final List<String> prefixes;

    private FileServerUrls(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(UrlBoundaries::normalize)
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
    }

    /** ClearML's heuristic (data model §3.10). */
    public static FileServerUrls heuristic() {
        return new FileServerUrls(List.of());
    }

    /** The given {@code --fileserver-url} prefixes, or the heuristic when there are none. */
    public static FileServerUrls of(List<String> prefixes) {
        for (String prefix : prefixes) {
            if (prefix.isBlank() || !prefix.contains("://")) {
                throw new UsageException("--fileserver-url '" + UrlMap.hideUserInfo(prefix) + "' is not a URL "
                        + "prefix; give e.g. --fileserver-url http://fileserver:8081 or https://web.acme.io/files");
            }
        }
        return new FileServerUrls(prefixes);
    }

    public boolean isFileServerUrl(String url) {
        return prefixes.isEmpty() ? matchesHeuristic(url) : matchingPrefix(url).isPresent();
    }

    /**
     * The path under the file-server root that {@code url} names, or empty when {@code url} is not a file-server
     * URL or when its path would leave the root (a {@code ..} segment, once decoded): such a path is never mapped
     * to a file. A caller that needs to tell the two apart asks {@link #isFileServerUrl(String)}.
     */
    public Optional<String> relativePath(String url) {
        if (!isFileServerUrl(url)) {
            return Optional.empty();
        }
        String rawPath = prefixes.isEmpty() ? rawPathOf(url) : url.substring(matchingPrefix(url).orElseThrow().length());
        String path = stripLeadingSlashes(percentDecode(cutQueryAndFragment(rawPath)));
        return escapesRoot(path) ? Optional.empty() : Optional.of(path);
    }

    private Optional<String> matchingPrefix(String url) {
        return prefixes.stream()
                .filter(p -> url.startsWith(p) && UrlBoundaries.endsAtBoundary(url, 0, p))
                .findFirst();
    }

    private static boolean matchesHeuristic(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://files.")) {
            return true;
        }
        boolean web = lower.startsWith("http://") || lower.startsWith("https://");
        return web && netloc(lower).endsWith("8081");
    }

    private static String netloc(String url) {
        int start = url.indexOf("://") + 3;
        return url.substring(start, authorityEnd(url, start));
    }

    private static String rawPathOf(String url) {
        int start = url.indexOf("://") + 3;
        return url.substring(authorityEnd(url, start));
    }

    private static int authorityEnd(String url, int start) {
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    private static String cutQueryAndFragment(String path) {
        int end = 0;
        while (end < path.length() && "?#".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        return path.substring(0, end);
    }

    private static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    private static boolean escapesRoot(String path) {
        for (String segment : path.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code unquote}: {@code %XX} as UTF-8 bytes, anything malformed left as written. */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            int high = i + 2 < raw.length() && c == '%' ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
