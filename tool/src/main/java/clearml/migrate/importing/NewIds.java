package clearml.migrate.importing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The fresh ids {@code --new-ids} gives imported entities. ClearML draws random {@code uuid4().hex} ids (data model
 * §5.3); ours are name-based UUIDs over the target company and the archived id, in the same 32-hex shape, so an
 * import that is interrupted and run again, or run twice, writes the same ids and converges instead of duplicating.
 */
final class NewIds {

    private static final String NAMESPACE = "clearml-migrate new id\u0000";

    private final String company;

    NewIds(String company) {
        this.company = company;
    }

    /** The new id of the entity archived as {@code oldId}. */
    String of(String oldId) {
        String name = NAMESPACE + company + '\u0000' + oldId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
