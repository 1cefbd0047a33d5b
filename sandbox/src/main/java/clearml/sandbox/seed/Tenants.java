package clearml.sandbox.seed;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * Companies, backend and auth users, schema-version records and the server uuid (data model §1.7–1.9, §8.2).
 */
final class Tenants {

    /** The open-source server's default company (data model §1.2). */
    static final String DEFAULT_COMPANY = "d1bd92a3b039400cbafc60a7a5b1e52b";

    /** The migration scripts a v2.x server records; the newest is 1.9.0 (data model §8.2). */
    static final List<String> SCHEMA_VERSIONS = List.of("0.12.1", "0.13.0", "0.14.0", "0.15.0", "0.16.0",
            "0.16.1", "0.16.2", "0.17.0", "1.0.0", "1.0.2", "1.3.0", "1.6.0", "1.7.0", "1.9.0");
    private static final String[][] PEOPLE = {
        {"Ada", "Lovelace", "admin"}, {"Émile", "Durand", "user"}, {"Grace", "Hopper", "user"},
        {"Zoë", "Müller", "admin"}, {"Li", "Wei", "user"}};

    private final Ids ids;
    private final SeededDocuments documents;
    private final long created;

    Tenants(Ids ids, SeededDocuments documents, long created) {
        this.ids = ids;
        this.documents = documents;
        this.created = created;
    }

    /** The default company "clearml" with three users and "Acme Vision GmbH" with two. */
    List<Tenant> create() {
        serverRecords();
        return List.of(company(DEFAULT_COMPANY, "clearml", 0, 3), company(ids.id(), "Acme Vision GmbH", 3, 2));
    }

    private void serverRecords() {
        for (int i = 0; i < SCHEMA_VERSIONS.size(); i++) {
            documents.backend("versions", new Document("_id", ids.id()).append("num", SCHEMA_VERSIONS.get(i))
                    .append("created", new Date(created + i)).append("desc", "Applied on server startup"));
        }
        documents.backend("settings", new Document("_id", "server.uuid").append("value", ids.id()));
    }

    private Tenant company(String id, String name, int firstPerson, int people) {
        List<String> users = new ArrayList<>();
        for (int p = firstPerson; p < firstPerson + people; p++) {
            users.add(user(id, PEOPLE[p]));
        }
        documents.backend("company", new Document("_id", id).append("name", name).append("defaults",
                new Document("stats_option", new Document("enabled", false).append("enabled_version", "2.0.0")
                        .append("enabled_time", new Date(created)).append("enabled_user", users.get(0)))));
        return new Tenant(id, name, List.copyOf(users));
    }

    private String user(String company, String[] person) {
        String id = ids.id();
        String name = person[0] + " " + person[1];
        documents.backend("user", new Document("_id", id).append("company", company).append("name", name)
                .append("family_name", person[1]).append("given_name", person[0]).append("preferences", "{}")
                .append("created_in_version", "2.0.0").append("created", new Date(created)));
        documents.add("auth", "user", new Document("_id", id).append("name", name)
                .append("created", new Date(created)).append("validated", new Date(created + 86_400_000L))
                .append("role", person[2]).append("company", company)
                .append("credentials", List.of(credential(), credential()))
                .append("email", ascii(person) + "@example.com").append("autocreated", false));
        return id;
    }

    private Document credential() {
        return new Document("key", ids.key(20)).append("secret", ids.key(48).toLowerCase(Locale.ROOT))
                .append("label", "seeded").append("last_used", new Date(created + 3_600_000L))
                .append("last_used_from", "127.0.0.1");
    }

    private static String ascii(String[] person) {
        String plain = java.text.Normalizer.normalize(person[0] + "." + person[1], java.text.Normalizer.Form.NFD);
        return plain.replaceAll("[^A-Za-z.]", "").toLowerCase(Locale.ROOT);
    }
}
