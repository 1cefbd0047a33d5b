package clearml.migrate.importing;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * The target port's planning reads: which ids, project names and users a target already has. An import and
 * {@code verify} plan through it; {@code MongoTargetLookup} reads a target's MongoDB, the API adapter
 * ({@code apitarget.ApiTargetLookup}) its REST API through the import's id map.
 */
public interface TargetLookup {

    /** Those of the archived {@code ids} the target holds in the backend collection {@code collection}. */
    Set<String> existingIds(String collection, Collection<String> ids);

    /**
     * Project name to the ids of the projects of {@code company} with that name (sorted; several when, say, two
     * companies' namesakes were imported into one), for the names in {@code names}.
     */
    Map<String, SortedSet<String>> projectIdsByName(String company, Collection<String> names);

    /** Every user id the target knows, and e-mails to ids (data model §5.2). */
    ExistingUsers users();

    /** Whether the target has a (backend) user with this id. */
    boolean backendUserExists(String id);
}
