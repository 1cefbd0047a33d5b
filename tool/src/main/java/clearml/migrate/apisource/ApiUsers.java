package clearml.migrate.apisource;

import clearml.migrate.api.ApiJson;
import clearml.migrate.exporting.SourceUsers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * The users {@code users.json} carries, as far as the API shows them: {@code users.get_all_ex} answers the backend
 * users of the caller's company (data model §1.8); the auth users (§1.9: role, e-mail, credentials, login dates)
 * are no API's to read, so each auth entry holds only the id and name, and the role filter of ClearML's exporter
 * (§3.7: admins and users only) cannot be applied. {@link #NOT_RETURNED} names what is missing for the summary.
 */
final class ApiUsers {

    /** The summary's name for the auth fields the API does not return. */
    static final String NOT_RETURNED = "users.json auth role, email and dates";
    static final String CREDENTIALS = "users.json auth credentials";

    private final ApiLists lists;

    ApiUsers(ApiLists lists) {
        this.lists = lists;
    }

    /** The users in id order, as the direct export reads them; credentials never come (none to read). */
    SourceUsers read() {
        List<Document> backend = new ArrayList<>();
        lists.eachByPage("users.get_all_ex", ApiJson.object(), answer -> {
            Document user = StoredForm.backendUser(answer);
            user.put("company", "");
            user.remove("preferences");
            backend.add(user);
        });
        backend.sort(Comparator.comparing(user -> user.getString("_id")));
        List<Document> auth = backend.stream().map(user -> new Document("_id", user.get("_id"))
                .append("name", user.get("name")).append("company", "").append("credentials", List.of())).toList();
        return new SourceUsers(auth, backend);
    }
}
