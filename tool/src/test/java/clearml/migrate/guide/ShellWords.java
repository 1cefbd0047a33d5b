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
        Word word = new Word();
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                word.endInto(words);
                word = new Word();
            } else {
                i = word.take(command, i);
            }
        }
        word.endInto(words);
        return words;
    }

    /** One word being read: its text, whether it has started, and whether it holds an unquoted '*'. */
    private final class Word {
        private final StringBuilder text = new StringBuilder();
        private boolean started;
        private boolean glob;

        /** Reads the character (or quoted part, or variable) at {@code i}; returns the index of its last character. */
        int take(String command, int i) {
            started = true;
            char c = command.charAt(i);
            if (c == '\'' || c == '"') {
                int end = command.indexOf(c, i + 1);
                String quoted = command.substring(i + 1, end);
                text.append(c == '"' ? expand(quoted) : quoted);
                return end;
            }
            if (c == '$') {
                return variable(command, i, text);
            }
            glob |= c == '*';
            text.append(c);
            return i;
        }

        void endInto(List<String> words) {
            if (started) {
                words.add(glob && strict ? globbed(text.toString()) : text.toString());
            }
        }
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
