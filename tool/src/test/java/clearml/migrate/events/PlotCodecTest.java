package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlotCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void compressesExactlyAsPythonBase64EncodebytesOfZlibLevel1() throws Exception {
        String plot = largePlot();
        String python = python("import sys,zlib,base64; s=sys.stdin.buffer.read().decode('utf-8');"
                + " sys.stdout.write(base64.encodebytes(zlib.compress(s.encode(), 1)).decode('ascii'))", plot);

        assertThat(PlotCodec.compress(plot)).isEqualTo(python);
    }

    @Test
    void decompressesWhatPythonCompressed() throws Exception {
        String plot = largePlot();
        String python = python("import sys,zlib,base64; s=sys.stdin.buffer.read().decode('utf-8');"
                + " sys.stdout.write(base64.encodebytes(zlib.compress(s.encode(), 1)).decode('ascii'))", plot);

        assertThat(PlotCodec.decompress(python)).isEqualTo(plot);
    }

    @Test
    void writesMimeLinesOf76CharactersEndingInNewline() {
        String data = PlotCodec.compress(largePlot());

        assertThat(data).endsWith("\n");
        List<String> lines = data.lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(line -> assertThat(line).hasSize(76));
        assertThat(lines.get(lines.size() - 1).length()).isBetween(1, 76);
    }

    @Test
    void refusesDataThatIsNotZlib() {
        assertThatThrownBy(() -> PlotCodec.decompress("aGVsbG8=\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("plot_data is not zlib data");
    }

    @Test
    void measuresLengthInCodePointsAsPythonLen() {
        assertThat(PlotCodec.plotLen("a\uD83D\uDE00é")).isEqualTo(3);
    }

    @Test
    void findsDistinctSourceUrlsAsClearmlRegexDoes() {
        String plot = "{\"layout\":{\"images\":[{\"source\":\"https://files.acme.io/a/x.png\"},"
                + "{'SOURCE': 'http://localhost:8081/b y.jpg'},{\"source\": \"s3://bucket/k.png\"},"
                + "{\"source\":\"https://files.acme.io/a/x.png\"},{\"source\":\"data:image/png;base64,AAA\"},"
                + "{\"source\":\"9ttp://no\"}]}}";

        assertThat(PlotCodec.sourceUrls(plot)).containsExactly(
                "https://files.acme.io/a/x.png", "http://localhost:8081/b y.jpg", "s3://bucket/k.png");
    }

    @ParameterizedTest
    @CsvSource({"99999, false", "100000, true"})
    void storesPlotsFromTheThresholdOnCompressed(int length, boolean compressed) {
        String image = "{\"source\":\"https://f/x.png\"}";
        String plot = image + "x".repeat(length - image.length());
        ObjectNode event = JSON.createObjectNode().put("type", "plot").put("plot_str", plot);

        PlotCodec.toStored(event);

        assertThat(event.get("plot_len").intValue()).isEqualTo(length);
        assertThat(event.get("source_urls").toString()).isEqualTo("[\"https://f/x.png\"]");
        assertThat(event.has("plot_data")).isEqualTo(compressed);
        assertThat(event.has("plot_str")).isEqualTo(!compressed);
    }

    @Test
    void storesEmptyPlotWithZeroLengthAndNoUrls() {
        ObjectNode event = JSON.createObjectNode().put("plot_str", "");

        assertThat(PlotCodec.toStored(event).toString()).isEqualTo("{\"plot_str\":\"\",\"plot_len\":0}");
    }

    @Test
    void exportsStoredCompressedPlotAsPlotStr() {
        String plot = largePlot();
        ObjectNode event = JSON.createObjectNode().put("type", "plot").put("plot_len", 5)
                .put("plot_data", PlotCodec.compress(plot));

        PlotCodec.toExported(event);

        assertThat(event.has("plot_data")).isFalse();
        assertThat(event.get("plot_str").textValue()).isEqualTo(plot);
    }

    @Test
    void leavesUncompressedPlotUntouchedOnExport() {
        ObjectNode event = JSON.createObjectNode().put("plot_str", "{}").put("plot_len", 2);

        assertThat(PlotCodec.toExported(event).toString()).isEqualTo("{\"plot_str\":\"{}\",\"plot_len\":2}");
    }

    /** A plot over the threshold with non-ASCII text, so UTF-8 and code-point counting both matter. */
    private static String largePlot() {
        StringBuilder plot = new StringBuilder("{\"data\":[");
        for (int i = 0; plot.length() < 150_000; i++) {
            plot.append("{\"x\":").append(i).append(",\"name\":\"Größe 日本 \uD83D\uDE00 ").append(i % 97).append("\"},");
        }
        return plot.append("{}]}").toString();
    }

    private static String python(String program, String stdin) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("python3", "-c", program).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not on the PATH, so the comparison with CPython's zlib/base64 is skipped");
            throw e;
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        assertThat(process.exitValue()).as("python3 exit code").isZero();
        return out;
    }
}
