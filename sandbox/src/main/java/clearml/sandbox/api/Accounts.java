package clearml.sandbox.api;

import com.mongodb.client.model.Filters;
import java.security.SecureRandom;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The credentials a client of the stand-in logs in with, per company (data model §1.9, clearml-rest-api.md "Auth
 * model"): an admin key on an auth user with role {@code admin} and no backend user, like the real server's
 * {@code __services_agent__}; and a user key of an existing role-{@code user} account that has a backend user (a
 * seeded person's first credential), or of a {@code Stand-in User} made for a company without one. Made on first
 * use and found again afterwards, so a restarted stand-in over the same stores hands out the same keys.
 */
final class Accounts {

    /** The real server's id of its admin credential's user; companies after the default one get a suffix. */
    static final String SERVICES_AGENT = "__services_agent__";
    private static final String DEFAULT_COMPANY = "d1bd92a3b039400cbafc60a7a5b1e52b";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Store store;
    private final SecureRandom random = new SecureRandom();

    Accounts(Store store) {
        this.store = store;
    }

    /** The company a stand-in's ready file speaks for: the open-source default company if present, else the first. */
    synchronized String primaryCompany() {
        if (Store.byId(store.companies(), DEFAULT_COMPANY) != null) {
            return DEFAULT_COMPANY;
        }
        Document first = store.companies().find().sort(new Document("_id", 1)).first();
        if (first == null) {
            throw new IllegalStateException("the stand-in's MongoDB has no backend.company yet: seed it or"
                    + " initialize it as a fresh server first");
        }
        return first.getString("_id");
    }

    synchronized Credentials admin(String company) {
        Document admin = store.authUsers().find(Filters.and(Filters.eq("company", company),
                Filters.eq("role", Identity.ADMIN), Filters.regex("_id", "^" + SERVICES_AGENT.substring(0, 16))))
                .first();
        if (admin == null) {
            admin = authUser(adminId(company), "Services Agent", Identity.ADMIN, company);
            store.authUsers().insertOne(admin);
        }
        return firstCredential(admin);
    }

    synchronized Credentials user(String company) {
        for (Document candidate : store.authUsers().find(roleUsersWithKeys(company)).sort(new Document("_id", 1))) {
            if (Store.byId(store.users(), candidate.getString("_id")) != null) {
                return firstCredential(candidate);
            }
        }
        Document user = authUser(HexFormat.of().formatHex(bytes(16)), "Stand-in User", Identity.USER, company);
        store.users().insertOne(new Document("_id", user.getString("_id")).append("company", company)
                .append("name", "Stand-in User").append("family_name", "User").append("given_name", "Stand-in")
                .append("created_in_version", "2.0.0").append("created", user.getDate("created")));
        store.authUsers().insertOne(user);
        return firstCredential(user);
    }

    private static Bson roleUsersWithKeys(String company) {
        return Filters.and(Filters.eq("company", company), Filters.eq("role", Identity.USER),
                Filters.exists("credentials.0"));
    }

    private static String adminId(String company) {
        return DEFAULT_COMPANY.equals(company) ? SERVICES_AGENT : "__services_agent_" + company + "__";
    }

    private Document authUser(String id, String name, String role, String company) {
        return new Document("_id", id).append("name", name).append("created", new Date()).append("role", role)
                .append("company", company).append("credentials", List.of(new Document("key", key())
                        .append("secret", secret()).append("label", "stand-in")))
                .append("email", id.toLowerCase(Locale.ROOT) + "@example.com").append("autocreated", false);
    }

    private static Credentials firstCredential(Document authUser) {
        @Nullable List<Document> credentials = authUser.getList("credentials", Document.class);
        if (credentials == null || credentials.isEmpty()) {
            throw new IllegalStateException("auth user " + authUser.get("_id") + " has no credentials");
        }
        Document first = credentials.get(0);
        return new Credentials(first.getString("key"), first.getString("secret"));
    }

    private String key() {
        StringBuilder key = new StringBuilder(30);
        for (int i = 0; i < 30; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    private String secret() {
        return HexFormat.of().formatHex(bytes(24));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
