package clearml.migrate.archive;

import java.util.List;
import org.bson.Document;

/**
 * The content of {@code users.json} (data model §3.7): auth users and backend users. Auth users carry
 * credentials in clear text, so this record's {@code toString()} names counts only.
 *
 * @param auth    auth-database user documents, with {@code credentials}
 * @param backend backend-database user documents
 */
public record ArchiveUsers(List<Document> auth, List<Document> backend) {

    public ArchiveUsers {
        auth = List.copyOf(auth);
        backend = List.copyOf(backend);
    }

    @Override
    public String toString() {
        return "ArchiveUsers[auth=" + auth.size() + " users, backend=" + backend.size() + " users]";
    }
}
