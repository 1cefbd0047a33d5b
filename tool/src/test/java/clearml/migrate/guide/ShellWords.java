package clearml.migrate.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits one guide command into words as bash would for the shapes the guide uses: single and double quotes,
 * {@code $NAME} and {@code ${NAME}} expanded from the placeholders (an unknown one fails, so a typo in the guide
 * shows), and a word with an unquoted {@code *} expanded to the one file it matches.
 */
final class ShellWords {

    private final Map<String, String> placeholders;
    private final boolean strict;

    ShellWords(Map<String, String> placeholders) {
        this(placeholders, true);
    }

    private ShellWords(Map<String, String> placeholders, boolean strict) {
        this.placeholders = Map.copyOf(placeholders);
        this.strict = strict;
    }

    /** For commands that are only parsed: variables stay as written, nothing is globbed. */
    static ShellWords lenient() {
        return new ShellWords(Map.of(), false);
    }

    List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean glob = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(glob && strict ? globbed(word.toString()) : word.toString());
                }
                word.setLength(0);
                inWord = false;
                glob = false;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = command.indexOf('"', i + 1);
                word.append(expand(command.substring(i + 1, end)));
                i = end;
            } else if (c == '$') {
                i = variable(command, i, word);
            } else {
                glob |= c == '*';
                word.append(c);
            }
        }
        if (inWord) {
            words.add(glob && strict ? globbed(word.toString()) : word.toString());
        }
        return words;
    }

    private String expand(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            if (quoted.charAt(i) == '$') {
                i = variable(quoted, i, out);
            } else {
                out.append(quoted.charAt(i));
            }
        }
        return out.toString();
    }

    /** Appends the value of the variable at {@code text[at]} ('$') and returns the index of its last character. */
    private int variable(String text, int at, StringBuilder out) {
        boolean braced = at + 1 < text.length() && text.charAt(at + 1) == '{';
        int start = braced ? at + 2 : at + 1;
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        String name = text.substring(start, end);
        String value = strict ? placeholders.get(name) : text.substring(at, braced ? end + 1 : end);
        if (value == null) {
            throw new IllegalArgumentException("the guide uses $" + name + ", which is not a placeholder of the test");
        }
        out.append(value);
        return braced ? end : end - 1;
    }

    private static String globbed(String pattern) {
        Path path = Path.of(pattern);
        List<String> matches = new ArrayList<>();
        try (DirectoryStream<Path> found = java.nio.file.Files.newDirectoryStream(path.getParent(),
                path.getFileName().toString())) {
            found.forEach(p -> matches.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (matches.size() != 1) {
            throw new IllegalStateException(pattern + " matches " + matches + ", not exactly one file");
        }
        return matches.get(0);
    }
}
