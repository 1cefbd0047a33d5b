package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlotDataTest {

    /** {@code base64.encodebytes(zlib.compress(PLOT.encode(), 1))}, computed with Python 3 (data model §2.5). */
    static final String PYTHON_PLOT_DATA =
            "eAGrVkpJLElUslKIjtVRUMpJrMwvLQHyqpUycxPTU4tBEtVKxfmlRcmpQLZSRklJgZW+fk5+cmJO\n"
                    + "Rn5xiZWFgYWhflhmcWZ+nkJIamKufoVeQV66Um1sbS0AQroeNA==\n";
    static final String PLOT =
            "{\"data\": [], \"layout\": {\"images\": [{\"source\": \"http://localhost:8081/Vision Team/x.png\"}]}}";

    @Test
    void decodesWhatClearmlStores() {
        assertThat(PlotData.decode(PYTHON_PLOT_DATA)).isEqualTo(PLOT);
    }

    @Test
    void encodesAsClearmlDoes() {
        assertThat(PlotData.encode(PLOT)).isEqualTo(PYTHON_PLOT_DATA);
    }

    @Test
    void breaksLongBodiesEvery76CharactersWithATrailingNewline() {
        String encoded = PlotData.encode("{\"x\": \"" + "é✓".repeat(5000) + "\"}");

        assertThat(encoded).endsWith("\n").doesNotContain("\r");
        assertThat(encoded.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(PlotData.decode(encoded)).isEqualTo("{\"x\": \"" + "é✓".repeat(5000) + "\"}");
    }
}
