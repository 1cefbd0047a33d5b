package clearml.migrate.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The company imported entities go to and the user who owns them (data model §5.1). Without {@code --company}
 * everything becomes public read-only "Examples" (company {@code ""}); the owner is {@code --user}, else the
 * archive's {@code metadata.json} {@code user_id}, else ClearML's {@code __allegroai__}. An entity whose archived
 * owner was mapped by the user import keeps that user; every other entity gets the owner.
 *
 * @param company     the target company id, {@code ""} for public data
 * @param ownerId     the user owning every entity whose archived owner is not mapped
 * @param ownerName   the name given to the owner's backend user when it has to be created
 * @param userMapping archived user id to target user id, from {@code users.json}
 */
public record OwnerResolution(String company, String ownerId, String ownerName, Map<String, String> userMapping) {

    /** ClearML's owner when neither the command nor the archive names one (data model §5.1). */
    public static final String DEFAULT_OWNER_ID = "__allegroai__";
    public static final String DEFAULT_OWNER_NAME = "Allegro.ai";

    public OwnerResolution {
        userMapping = Map.copyOf(userMapping);
    }

    /** Resolves company and owner from the flags and the archive's metadata; no users mapped yet. */
    public static OwnerResolution resolve(@Nullable String company, @Nullable String user,
            Optional<ObjectNode> metadata) {
        String targetCompany = company == null ? "" : company;
        String metadataUser = metadata.map(m -> text(m, "user_id")).orElse(null);
        String metadataName = metadata.map(m -> text(m, "user_name")).orElse(null);
        if (user != null) {
            String name = user.equals(metadataUser) && metadataName != null ? metadataName : user;
            return new OwnerResolution(targetCompany, user, name, Map.of());
        }
        if (metadataUser != null) {
            return new OwnerResolution(targetCompany, metadataUser, metadataName == null ? metadataUser : metadataName,
                    Map.of());
        }
        return new OwnerResolution(targetCompany, DEFAULT_OWNER_ID, DEFAULT_OWNER_NAME, Map.of());
    }

    /** The same resolution with the archived-to-target user mapping of a user import. */
    public OwnerResolution withUserMapping(Map<String, String> mapping) {
        return new OwnerResolution(company, ownerId, ownerName, mapping);
    }

    /** Whether the data becomes public, read-only for every company. */
    public boolean isPublic() {
        return company.isEmpty();
    }

    /** The target owner of an entity archived with owner {@code archivedUser} ({@code ""} or null for none). */
    public String ownerOf(@Nullable Object archivedUser) {
        if (archivedUser instanceof String id && !id.isEmpty()) {
            return userMapping.getOrDefault(id, ownerId);
        }
        return ownerId;
    }

    private static @Nullable String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
}
