package clearml.sandbox.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ready file's description of a server: without {@code --api} exactly the keys scripts relied on before. */
class ServerInfoTest {

    @Test
    void withoutStandInsTheReadyFileKeepsItsFiveKeys() throws Exception {
        ServerInfo info = new ServerInfo("mongodb://127.0.0.1:1", "http://127.0.0.1:2", "/tmp/files",
                "http://localhost:8081", List.of("c1"), null, null, null, null);

        JsonNode json = new ObjectMapper().valueToTree(info);

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("mongo", "elastic", "fileserver_dir", "fileserver_url", "companies");
    }

    @Test
    void theKeysSecretIsNeverInItsDescription() {
        ServerInfo.Key key = new ServerInfo.Key("ACCESS", "very-secret");

        assertThat(key.toString()).contains("ACCESS").doesNotContain("very-secret");
    }
}
