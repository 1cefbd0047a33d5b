package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines stripped in bytes are the lines {@link JsonLines#strip} makes of their text, ASCII or not. */
class JsonLinesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{\"a\": 1}",
        "[{\"a\": 1},",
        "[[ \t{\"a\": 1} ] , ]",
        "{\"a\": 1}\r",
        "\u001f{\"a\": 1}\u000b,",
        "   ,]",
        "[",
        "\u3000{\"a\": \"\u00e9\"}\u3000,",
        "[\u2003{\"a\": 1},\u2003]",
        "\u00a0{\"a\": 1}\u00a0",
        "{\"a\": \"\u00e9\"},",
        "{\"a\": \"\ud83d\ude00\"}",
    })
    void stripsEachLineAsTheTextStripDoes(String raw) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : List.of("[", raw, "", "  ", raw + "  ", "]")) {
            String stripped = JsonLines.strip(line);
            if (!stripped.isEmpty()) {
                expected.add(stripped);
            }
        }

        List<String> read = readAll(String.join("\n", "[", raw, "", "  ", raw + "  ", "]") + "\n", 1 << 20);

        assertThat(read).isEqualTo(expected);
    }

    @Test
    void handsAnAsciiLineOutInBytesAndAnyOtherAsText() throws IOException {
        JsonLines lines = lines("{\"a\": 1},\n{\"a\": \"\u00e9\"},\n", 1024);

        ArchiveLine ascii = lines.next();
        assertThat(ascii.ascii()).isTrue();
        assertThat(new String(ascii.bytes(), ascii.offset(), ascii.length(), StandardCharsets.US_ASCII))
                .isEqualTo("{\"a\": 1}");
        ArchiveLine other = lines.next();
        assertThat(other.ascii()).isFalse();
        assertThat(other.text()).isEqualTo("{\"a\": \"\u00e9\"}");
        assertThat(other.chars()).isEqualTo(10);
        assertThat(lines.next()).isNull();
    }

    @Test
    void readsALineLongerThanItsReadBufferWhole() throws IOException {
        String longLine = "{\"a\": \"" + "x".repeat(200_000) + "\u00e9\"}";

        assertThat(readAll("[\n{\"b\": 2},\n" + longLine + ",\n{\"c\": 3}\n]", 1 << 20))
                .containsExactly("{\"b\": 2}", longLine, "{\"c\": 3}");
    }

    @Test
    void refusesALineOverTheLimitNamingItsNumber() {
        String text = "{\"a\": 1}\n" + "{\"b\": \"" + "x".repeat(100_000) + "\"}\n";

        assertThatThrownBy(() -> readAll(text, 50_000)).isInstanceOf(JsonLines.LineTooLongException.class)
                .hasMessage("line 2 is longer than 50000 bytes");
    }

    @Test
    void countsLinesSkippedAsEmpty() throws IOException {
        JsonLines lines = lines("[\n\n  \n{\"a\": 1}\n]", 1024);

        lines.next();

        assertThat(lines.lineNumber()).isEqualTo(4);
    }

    private static List<String> readAll(String text, int maxLineBytes) throws IOException {
        JsonLines lines = lines(text, maxLineBytes);
        List<String> read = new ArrayList<>();
        for (ArchiveLine line = lines.next(); line != null; line = lines.next()) {
            read.add(line.text());
        }
        return read;
    }

    private static JsonLines lines(String text, int maxLineBytes) {
        return new JsonLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLineBytes);
    }
}
