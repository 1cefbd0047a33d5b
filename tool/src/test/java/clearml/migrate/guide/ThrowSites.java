package clearml.migrate.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every place in the tool's main code that builds a user-facing failure ({@code new XxxException(…)} of the
 * failures package), with the string literals of its message.
 */
record ThrowSites(List<Site> sites) {

    /** One construction: where it is, and the literals its message is built from, in order. */
    record Site(String where, List<String> literals) {
    }

    private static final Pattern CONSTRUCTION = Pattern.compile("new (Usage|Archive|Conflict|NotAClearmlStore|"
            + "StoreCertificate|"
            + "Selection|StoreAccessDenied|StoreRequest|StoreUnreachable|BaseNotImported)Exception\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    static ThrowSites scan(Path mainJava) {
        List<Site> sites = new ArrayList<>();
        try (Stream<Path> files = Files.walk(mainJava)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sites.addAll(sitesOf(mainJava, f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ThrowSites(List.copyOf(sites));
    }

    private static List<Site> sitesOf(Path root, Path file) {
        String code = read(file);
        List<Site> sites = new ArrayList<>();
        Matcher construction = CONSTRUCTION.matcher(code);
        while (construction.find()) {
            String arguments = code.substring(construction.end(), closingParenthesis(code, construction.end()));
            List<String> literals = new ArrayList<>();
            Matcher literal = LITERAL.matcher(arguments);
            while (literal.find()) {
                literals.add(literal.group(1));
            }
            int line = (int) code.substring(0, construction.start()).lines().count();
            sites.add(new Site(root.relativize(file) + ":" + line, List.copyOf(literals)));
        }
        return sites;
    }

    /** The index of the parenthesis closing the one just before {@code from}, skipping string literals. */
    private static int closingParenthesis(String code, int from) {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (inString) {
                i += c == '\\' ? 1 : 0;
                inString = c != '"';
            } else if (c == '"') {
                inString = true;
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("unbalanced parentheses after offset " + from);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
