package clearml.migrate.importing;

import java.util.Map;
import java.util.Set;

/**
 * The users a target server already has, as the user import needs them (data model §5.2).
 *
 * @param ids       every backend and auth user id, of all companies
 * @param idByEmail auth user e-mail (as stored) to its id
 */
public record ExistingUsers(Set<String> ids, Map<String, String> idByEmail) {

    public ExistingUsers {
        ids = Set.copyOf(ids);
        idByEmail = Map.copyOf(idByEmail);
    }
}
