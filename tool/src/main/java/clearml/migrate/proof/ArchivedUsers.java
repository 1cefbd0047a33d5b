package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArchiveUsers;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.proof.InspectReport.UserSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * The archived users for the report: id, name, e-mail, role and the number of credentials. Key and secret are
 * never copied out of the documents (data model §3.7 keeps them in clear text).
 */
final class ArchivedUsers {

    private ArchivedUsers() {
    }

    static List<UserSummary> summary(ArchiveReader reader, Problems problems) {
        Optional<ArchiveUsers> users;
        try {
            users = reader.users();
        } catch (ArchiveException e) {
            problems.add(e.getMessage());
            return List.of();
        }
        return users.map(u -> summarise(u, problems)).orElse(List.of());
    }

    private static List<UserSummary> summarise(ArchiveUsers users, Problems problems) {
        Set<String> backendIds = new HashSet<>();
        users.backend().forEach(backend -> backendIds.add(EntityStream.id(backend)));
        Set<String> seen = new HashSet<>();
        return users.auth().stream().map(auth -> {
            String id = EntityStream.id(auth);
            if (!seen.add(id)) {
                problems.add("users.json: duplicate auth user id " + id);
            }
            if (!backendIds.contains(id)) {
                problems.add("users.json: auth user " + id + " has no backend user");
            }
            return new UserSummary(id, EntityStream.text(auth, "name"), EntityStream.text(auth, "email"),
                    EntityStream.text(auth, "role"), credentials(auth));
        }).toList();
    }

    private static int credentials(Document auth) {
        return auth.get("credentials") instanceof List<?> list ? list.size() : 0;
    }
}
