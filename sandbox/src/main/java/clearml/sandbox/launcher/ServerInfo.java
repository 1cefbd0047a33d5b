package clearml.sandbox.launcher;

import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.fileserver.FileServerStandIn;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the ready file says about one running sandbox (design.md §5); with {@code up --api} also its API and
 * file-server stand-ins' addresses and an admin and a user key of its first company.
 */
@JsonPropertyOrder({"mongo", "elastic", "fileserver_dir", "fileserver_url", "companies", "api", "files_host",
        "api_credentials", "user_credentials"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServerInfo(
        @JsonProperty("mongo") String mongo,
        @JsonProperty("elastic") String elastic,
        @JsonProperty("fileserver_dir") String fileserverDir,
        @JsonProperty("fileserver_url") String fileserverUrl,
        @JsonProperty("companies") List<String> companies,
        @JsonProperty("api") @Nullable String api,
        @JsonProperty("files_host") @Nullable String filesHost,
        @JsonProperty("api_credentials") @Nullable Key apiCredentials,
        @JsonProperty("user_credentials") @Nullable Key userCredentials) {

    /** Describes {@code sandbox}, listing the ids of its {@code backend.company} documents (data model §1.7). */
    static ServerInfo of(Sandbox sandbox) {
        return new ServerInfo(sandbox.mongoUri(), sandbox.elasticUri().toString(),
                sandbox.fileserverDir().toAbsolutePath().toString(), sandbox.fileserverUrl(), companyIds(sandbox),
                null, null, null, null);
    }

    /** This description with the stand-ins that serve the sandbox. */
    ServerInfo with(ApiStandIn api, FileServerStandIn files) {
        return new ServerInfo(mongo, elastic, fileserverDir, fileserverUrl, companies, api.url(), files.url(),
                Key.of(api.adminCredentials()), Key.of(api.userCredentials()));
    }

    private static List<String> companyIds(Sandbox sandbox) {
        try (MongoClient client = MongoClients.create(sandbox.mongoUri())) {
            return client.getDatabase("backend").getCollection("company")
                    .distinct("_id", String.class).into(new ArrayList<>());
        }
    }

    /** One line for the terminal; never a secret. */
    String describe() {
        return "mongo=" + mongo + "  elastic=" + elastic + "  fileserver_dir=" + fileserverDir
                + "  fileserver_url=" + fileserverUrl + "  companies=" + companies
                + (api == null ? "" : "  api=" + api + "  files_host=" + filesHost);
    }

    /** An access key pair as the ready file spells it. */
    @JsonPropertyOrder({"access_key", "secret_key"})
    record Key(@JsonProperty("access_key") String accessKey, @JsonProperty("secret_key") String secretKey) {

        static Key of(Credentials credentials) {
            return new Key(credentials.accessKey(), credentials.secretKey());
        }

        @Override
        public String toString() {
            return "Key[accessKey=" + accessKey + ", secretKey=***]";
        }
    }
}
