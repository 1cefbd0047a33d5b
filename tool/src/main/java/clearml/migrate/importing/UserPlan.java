package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveUsers;
import clearml.migrate.mongo.SaveDefaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * What importing {@code users.json} does (data model §5.2): each archived auth user whose e-mail an existing user
 * has is mapped to that user and nothing is created; any other maps to itself, and is created (auth user, then its
 * backend user, both in the target company) unless its id already exists. Credentials come along only when the
 * archive has them; those with company {@code ""} get the target company. Unlike ClearML, a user without e-mail
 * never matches an existing user without e-mail. Created users get the defaults ClearML fills on save.
 */
final class UserPlan {

    private final Map<String, String> mapping = new HashMap<>();
    private final List<Document> authToCreate = new ArrayList<>();
    private final List<Document> backendToCreate = new ArrayList<>();
    private int matchedByEmail;
    private int alreadyThere;

    private UserPlan() {
    }

    /** Plans the import of {@code users} into {@code company} against the target's {@code existing} users. */
    static UserPlan plan(ArchiveUsers users, ExistingUsers existing, String company) {
        UserPlan plan = new UserPlan();
        Map<Object, Document> backendById = new HashMap<>();
        users.backend().forEach(backend -> backendById.put(backend.get("_id"), backend));
        for (Document auth : users.auth()) {
            plan.add(auth, backendById.get(auth.get("_id")), existing, company);
        }
        return plan;
    }

    private void add(Document auth, @Nullable Document backend, ExistingUsers existing, String company) {
        String id = String.valueOf(auth.get("_id"));
        @Nullable String email = auth.get("email") instanceof String text && !text.isEmpty() ? text : null;
        @Nullable String sameEmail = email == null ? null : existing.idByEmail().get(email);
        if (sameEmail != null) {
            mapping.put(id, sameEmail);
            matchedByEmail++;
            return;
        }
        mapping.put(id, id);
        if (existing.ids().contains(id)) {
            alreadyThere++;
            return;
        }
        authToCreate.add(SaveDefaults.authUser(authUser(auth, company)));
        backendToCreate.add(SaveDefaults.backendUser(backendUser(auth, backend, company)));
    }

    private static Document authUser(Document auth, String company) {
        Document created = new Document(auth);
        created.put("company", company);
        if (auth.get("credentials") instanceof List<?> credentials) {
            created.put("credentials", credentials.stream().map(c -> credential(c, company)).toList());
        }
        return created;
    }

    private static Object credential(Object credential, String company) {
        if (credential instanceof Document item && "".equals(item.get("company"))) {
            Document copy = new Document(item);
            copy.put("company", company);
            return copy;
        }
        return credential;
    }

    private static Document backendUser(Document auth, @Nullable Document backend, String company) {
        Document created = backend == null
                ? new Document("_id", auth.get("_id")).append("name", auth.get("name"))
                : new Document(backend);
        created.put("company", company);
        return created;
    }

    /** Archived user id to target user id, for every archived auth user. */
    Map<String, String> mapping() {
        return Map.copyOf(mapping);
    }

    List<Document> authToCreate() {
        return List.copyOf(authToCreate);
    }

    List<Document> backendToCreate() {
        return List.copyOf(backendToCreate);
    }

    int matchedByEmail() {
        return matchedByEmail;
    }

    int alreadyThere() {
        return alreadyThere;
    }
}
