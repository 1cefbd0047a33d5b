package clearml.sandbox.launcher;

import clearml.sandbox.Sandbox;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;

/** What the ready file says about one running sandbox (design.md §5). */
@JsonPropertyOrder({"mongo", "elastic", "fileserver_dir", "fileserver_url", "companies"})
record ServerInfo(
        @JsonProperty("mongo") String mongo,
        @JsonProperty("elastic") String elastic,
        @JsonProperty("fileserver_dir") String fileserverDir,
        @JsonProperty("fileserver_url") String fileserverUrl,
        @JsonProperty("companies") List<String> companies) {

    /** Describes {@code sandbox}, listing the ids of its {@code backend.company} documents (data model §1.7). */
    static ServerInfo of(Sandbox sandbox) {
        return new ServerInfo(sandbox.mongoUri(), sandbox.elasticUri().toString(),
                sandbox.fileserverDir().toAbsolutePath().toString(), sandbox.fileserverUrl(), companyIds(sandbox));
    }

    private static List<String> companyIds(Sandbox sandbox) {
        try (MongoClient client = MongoClients.create(sandbox.mongoUri())) {
            return client.getDatabase("backend").getCollection("company")
                    .distinct("_id", String.class).into(new ArrayList<>());
        }
    }

    /** One line for the terminal. */
    String describe() {
        return "mongo=" + mongo + "  elastic=" + elastic + "  fileserver_dir=" + fileserverDir
                + "  fileserver_url=" + fileserverUrl + "  companies=" + companies;
    }
}
