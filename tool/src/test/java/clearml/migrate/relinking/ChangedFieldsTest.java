package clearml.migrate.relinking;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/** Which paths a relink writes back: only the changed ones, as deep as a path can name them. */
class ChangedFieldsTest {

    @Test
    void setsTheExactPathOfAChangedArtifactUri() {
        Document read = Document.parse("{_id: 't', execution: {artifacts: {'a1_output': {key: 'a', uri: 'http://old/a'},"
                + " 'b2_output': {key: 'b', uri: 'http://old/b'}}}}");
        Document rewritten = ChangedFields.copy(read);
        rewritten.getEmbedded(List.of("execution", "artifacts", "b2_output"), Document.class).put("uri", "http://new/b");

        assertThat(rendered(ChangedFields.sets(read, rewritten)))
                .containsExactly("{\"$set\": {\"execution.artifacts.b2_output.uri\": \"http://new/b\"}}");
        assertThat(read.getEmbedded(List.of("execution", "artifacts", "b2_output", "uri"), String.class))
                .as("the copy is deep").isEqualTo("http://old/b");
    }

    @Test
    void setsAListWholeAndAMapWithUnpathableKeysAtItsParent() {
        Document read = Document.parse("{report_assets: ['http://old/1', 'x'], odd: {'a.b': 'http://old/2'}}");
        Document rewritten = Document.parse("{report_assets: ['http://new/1', 'x'], odd: {'a.b': 'http://new/2'}}");

        assertThat(rendered(ChangedFields.sets(read, rewritten))).containsExactly(
                "{\"$set\": {\"report_assets\": [\"http://new/1\", \"x\"]}}",
                "{\"$set\": {\"odd\": {\"a.b\": \"http://new/2\"}}}");
    }

    @Test
    void setsNothingWhenNothingChanged() {
        Document read = Document.parse("{uri: 'http://old/a', n: 1}");

        assertThat(ChangedFields.sets(read, ChangedFields.copy(read))).isEmpty();
    }

    private static List<String> rendered(List<Bson> sets) {
        return sets.stream()
                .map(set -> set.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()).toJson())
                .toList();
    }
}
