package clearml.migrate.links;

import clearml.migrate.failures.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An ordered set of literal URL prefix translations ({@code --url-map OLD=NEW}, relink's
 * {@code --host-source}/{@code --host-target}).
 *
 * <p>The rule, defined once for every place a URL lives:
 * <ul>
 *   <li>Prefixes are literal strings, never regular expressions (data model §9 item 20).</li>
 *   <li>One trailing {@code /} on either prefix is ignored, so a slash on one side and not the other still joins
 *       with exactly one slash, as ClearML's {@code target.rstrip("/") + "/" + rest.lstrip("/")} does (data model
 *       §7.1). Unlike ClearML, the rest of the URL is kept byte for byte (a {@code //} in it stays) and a URL equal
 *       to the prefix gets no slash added.</li>
 *   <li>A prefix matches only where it ends at a URL boundary: the end of the value, or a character that cannot
 *       continue a host, port or path segment ({@code /}, {@code ?}, {@code #}, a quote, a space...). So
 *       {@code http://files.a:8081} does not match {@code http://files.a:80812/x}, and {@code http://files.a}
 *       matches neither {@code http://files.ab/x} nor {@code http://files.a:8081/x}. A prefix that itself ends
 *       with {@code /} (such as {@code s3://}) matches wherever it occurs.</li>
 *   <li>When several prefixes match, the longest wins. Each value is translated once: a result is never
 *       translated again by another prefix, so {@code A=B} with {@code B=C} does not turn A into C.</li>
 *   <li>Moving an S3 bucket, {@code s3://old=s3://new}, is the same operation.</li>
 * </ul>
 * Rewriting is idempotent whenever no NEW starts with an OLD.
 */
public final class UrlMap {

    /** One translation: URLs starting with {@code from} start with {@code to} afterwards. */
    public record Prefix(String from, String to) {

        /** Parses one {@code OLD=NEW} flag value, split at the first {@code =} (an OLD prefix has none). */
        public static Prefix parse(String flag) {
            int split = flag.indexOf('=');
            if (split < 0) {
                throw new UsageException("--url-map '" + hideUserInfo(flag) + "' is not OLD=NEW; give e.g. "
                        + "--url-map http://old:8081=https://files.new.io");
            }
            return of(flag.substring(0, split), flag.substring(split + 1));
        }

        /** Validates one pair: both sides non-empty URL prefixes containing {@code ://}. */
        public static Prefix of(String from, String to) {
            requireUrlPrefix(from, "old");
            requireUrlPrefix(to, "new");
            return new Prefix(from, to);
        }

        private static void requireUrlPrefix(String prefix, String side) {
            if (prefix.isBlank() || !prefix.contains("://") || !prefix.strip().equals(prefix)) {
                throw new UsageException("URL map " + side + " prefix '" + hideUserInfo(prefix) + "' is not a URL prefix; "
                        + "give a prefix with a scheme, e.g. http://old-host:8081 or s3://bucket");
            }
        }
    }

    /** A prefix ready to match: both sides normalized (one trailing slash dropped). */
    private record Rule(String from, String to) {
    }

    /** Marks a rule whose next hit in the text is not searched yet. */
    private static final int UNKNOWN = -2;

    private final List<Prefix> prefixes;
    private final List<Rule> rules;

    private UrlMap(List<Prefix> prefixes) {
        this.prefixes = List.copyOf(prefixes);
        this.rules = prefixes.stream()
                .map(UrlMap::rule)
                .sorted(Comparator.comparingInt((Rule r) -> r.from().length()).reversed())
                .toList();
        requireDistinct(rules);
    }

    /**
     * Normalizes a pair. A from that still ends with {@code /} (a scheme-only prefix such as {@code s3://}) is
     * joined to the rest without a slash, so its to must end with one: {@code s3://=https://s3.amazonaws.com}
     * gives {@code https://s3.amazonaws.com/bucket/key}.
     */
    private static Rule rule(Prefix prefix) {
        String from = UrlBoundaries.normalize(prefix.from());
        String to = UrlBoundaries.normalize(prefix.to());
        return new Rule(from, from.endsWith("/") && !to.endsWith("/") ? to + "/" : to);
    }

    /** A map of the given translations; two translations of the same OLD prefix are a usage error. */
    public static UrlMap of(List<Prefix> prefixes) {
        return new UrlMap(prefixes);
    }

    /** A map of one translation, as relink's {@code --host-source}/{@code --host-target}. */
    public static UrlMap of(String from, String to) {
        return new UrlMap(List.of(Prefix.of(from, to)));
    }

    /** Parses {@code OLD=NEW} flag values in order. */
    public static UrlMap parse(List<String> flags) {
        return new UrlMap(flags.stream().map(Prefix::parse).toList());
    }

    /** The map that changes nothing. */
    public static UrlMap empty() {
        return new UrlMap(List.of());
    }

    public List<Prefix> prefixes() {
        return prefixes;
    }

    /**
     * The translations as matching applies them: both sides normalized, longest OLD first, so that the first
     * whose OLD matches wins (for {@link EngineRewrite}, which repeats {@link #rewrite(String)} in the engine).
     */
    List<Prefix> matchOrder() {
        return rules.stream().map(rule -> new Prefix(rule.from(), rule.to())).toList();
    }

    public boolean isEmpty() {
        return prefixes.isEmpty();
    }

    /**
     * The translation of a value that is a whole URL (a model {@code uri}, a debug-image {@code url}), or empty
     * when no prefix matches at its start or the translation changes nothing.
     */
    public Optional<String> rewrite(String url) {
        for (Rule rule : rules) {
            if (url.startsWith(rule.from()) && UrlBoundaries.endsAtBoundary(url, 0, rule.from())) {
                String rewritten = rule.to() + url.substring(rule.from().length());
                return rewritten.equals(url) ? Optional.empty() : Optional.of(rewritten);
            }
        }
        return Optional.empty();
    }

    /**
     * Free text (markdown, plotly JSON) with every URL that starts with an OLD prefix translated. A prefix counts
     * only where a URL token starts: at the start of the text or after a character that cannot be inside a URL
     * ({@code (}, {@code "}, {@code '}, whitespace, {@code [}, {@code =}, {@code ,}...), and it must end at a URL
     * boundary as in {@link #rewrite(String)}.
     */
    public String rewriteText(String text) {
        return rewriteText(text, (before, after) -> { });
    }

    /**
     * As {@link #rewriteText(String)}, telling {@code onChange} each URL token changed (before, after). A token
     * ends where its opening bracket or quote closes, else at whitespace ({@code UrlBoundaries.tokenEnd}), so a
     * markdown link with a literal space is reported whole.
     */
    public String rewriteText(String text, BiConsumer<String, String> onChange) {
        if (rules.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int[] next = new int[rules.size()];
        Arrays.fill(next, UNKNOWN);
        int at = earliestMatch(text, 0, next);
        while (at >= 0) {
            Rule rule = rules.get(ruleAt(next, at));
            out.append(text, copied, at).append(rule.to());
            copied = at + rule.from().length();
            report(text, at, rule, onChange);
            at = earliestMatch(text, copied, next);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    private static void report(String text, int at, Rule rule, BiConsumer<String, String> onChange) {
        int rest = at + rule.from().length();
        String tail = text.substring(rest, Math.max(rest, UrlBoundaries.tokenEnd(text, at)));
        if (!rule.from().equals(rule.to())) {
            onChange.accept(rule.from() + tail, rule.to() + tail);
        }
    }

    /** The earliest index at or after {@code from} where some rule matches; {@code next} caches each rule's hit. */
    private int earliestMatch(String text, int from, int[] next) {
        int best = -1;
        for (int r = 0; r < rules.size(); r++) {
            if (next[r] == UNKNOWN || next[r] >= 0 && next[r] < from) {
                next[r] = nextHit(text, rules.get(r).from(), from);
            }
            if (next[r] >= 0 && (best < 0 || next[r] < best)) {
                best = next[r];
            }
        }
        return best;
    }

    private static int nextHit(String text, String prefix, int from) {
        int at = text.indexOf(prefix, from);
        while (at >= 0 && !(UrlBoundaries.startsToken(text, at) && UrlBoundaries.endsAtBoundary(text, at, prefix))) {
            at = text.indexOf(prefix, at + 1);
        }
        return at;
    }

    /** The longest rule hitting at {@code at}; rules are sorted longest first. */
    private static int ruleAt(int[] next, int at) {
        int r = 0;
        while (next[r] != at) {
            r++;
        }
        return r;
    }

    private static void requireDistinct(List<Rule> rules) {
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            if (!seen.add(rule.from())) {
                throw new UsageException("URL map gives the old prefix '" + hideUserInfo(rule.from()) + "' more than once; "
                        + "give each old prefix one new prefix");
            }
        }
    }

    /** The prefixes as {@code OLD=NEW}, with any {@code user:password@} hidden (secrets never reach output). */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        prefixes.forEach(p -> shown.add(hideUserInfo(p.from()) + "=" + hideUserInfo(p.to())));
        return "UrlMap" + shown;
    }

    /** A prefix for messages: a {@code user:password@} after {@code ://} becomes {@code ***@}. */
    public static String hideUserInfo(String prefix) {
        int start = prefix.indexOf("://");
        int at = start < 0 ? -1 : prefix.indexOf('@', start);
        int slash = start < 0 ? -1 : prefix.indexOf('/', start + 3);
        boolean inAuthority = at > start && (slash < 0 || at < slash);
        return inAuthority ? prefix.substring(0, start + 3) + "***" + prefix.substring(at) : prefix;
    }
}
