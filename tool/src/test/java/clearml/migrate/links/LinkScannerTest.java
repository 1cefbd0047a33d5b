package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkScannerTest {

    final LinkScanner scanner = new LinkScanner();

    @Test
    void collectsPlotSourcesWithJsonEscapesDecodedAndSourceUrlsOnce() throws Exception {
        ObjectNode plot = (ObjectNode) JsonMapper.builder().build().readTree("""
                {"type": "plot", "plot_str": "{\\"data\\": [{\\"x\\": NaN}], \\"layout\\": {\\"images\\": [{\\"source\\": \\"http://localhost:8081/D\\\\u00e9tection/a.png\\"}, {\\"source\\": \\"not a url\\"}]}}",
                 "source_urls": ["http://localhost:8081/Détection/a.png", "s3://b/k.png"]}
                """);

        assertThat(scanner.collectUrls(plot))
                .containsExactly("http://localhost:8081/Détection/a.png", "s3://b/k.png");
    }

    @Test
    void collectsSourcesInsideCompressedPlotData() throws Exception {
        ObjectNode plot = JsonMapper.builder().build().createObjectNode()
                .put("type", "plot").put("plot_data", LinkRewriterTest.PYTHON_PLOT_DATA);

        assertThat(scanner.collectUrls(plot)).containsExactly("http://localhost:8081/Vision Team/x.png");
    }

    @Test
    void collectsDebugImageUrlAndModelUri() throws Exception {
        ObjectNode image = (ObjectNode) JsonMapper.builder().build().readTree(
                "{\"type\": \"training_debug_image\", \"model_event\": true, \"url\": \"http://localhost:8081/RT%20Root/img.png\"}");

        assertThat(scanner.collectUrls(image)).containsExactly("http://localhost:8081/RT%20Root/img.png");
        assertThat(scanner.collectUrls(LinkPlace.Holder.MODEL, new Document("uri", "s3://my-bucket/models/output_model.pt")))
                .containsExactly("s3://my-bucket/models/output_model.pt");
        assertThat(scanner.collectUrls(LinkPlace.Holder.MODEL, new Document("uri", ""))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # free text                                                 | URL tokens, ; separated
            ![a](http://h/a b.png) and [c](https://h/c.png "title")     | http://h/a b.png ; https://h/c.png "title"
            see http://h/a.png, then <http://h/b c.png>                 | http://h/a.png, ; http://h/b c.png
            <img src="http://h/a b.png"> _http://h/no ://nothing        | http://h/a b.png
            "s3://bucket/key with space" and git+ssh://g/r              | s3://bucket/key with space ; git+ssh://g/r
            plain text, no links                                        | ''
            """)
    void findsUrlTokensInFreeText(String text, String expected) {
        List<String> tokens = expected.isEmpty() ? List.of() : List.of(expected.split("\\s*;\\s*"));

        assertThat(LinkScanner.urlTokens(text)).containsExactlyElementsOf(tokens);
    }
}
