package clearml.migrate.exporting;

import java.util.List;
import org.bson.Document;

/**
 * The users {@code users.json} carries (data model §3.7), as a source gives them: auth and backend user documents
 * of the same users in the same order, {@code company} already emptied and credentials stripped unless asked for.
 *
 * @param auth the auth users
 * @param backend the backend users
 */
public record SourceUsers(List<Document> auth, List<Document> backend) {

    public SourceUsers {
        auth = List.copyOf(auth);
        backend = List.copyOf(backend);
    }
}
