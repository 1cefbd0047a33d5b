package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnerResolutionTest {

    private final ObjectNode metadata = new ObjectMapper().createObjectNode()
            .put("user_id", "meta-user").put("user_name", "Meta User").put("public", false);

    @Test
    void withoutCompanyEverythingBecomesPublic() {
        OwnerResolution owners = OwnerResolution.resolve(null, null, Optional.empty());
        assertThat(owners.company()).isEmpty();
        assertThat(owners.isPublic()).isTrue();
    }

    @Test
    void withoutUserOrMetadataTheOwnerIsClearmlsAllegroUser() {
        OwnerResolution owners = OwnerResolution.resolve("c1", null, Optional.empty());
        assertThat(owners).isEqualTo(new OwnerResolution("c1", "__allegroai__", "Allegro.ai", Map.of()));
    }

    @Test
    void metadataUserOwnsWhenNoUserIsGiven() {
        assertThat(OwnerResolution.resolve("c1", null, Optional.of(metadata)))
                .isEqualTo(new OwnerResolution("c1", "meta-user", "Meta User", Map.of()));
    }

    @Test
    void theGivenUserWinsOverMetadata() {
        assertThat(OwnerResolution.resolve("c1", "u9", Optional.of(metadata)))
                .isEqualTo(new OwnerResolution("c1", "u9", "u9", Map.of()));
    }

    @Test
    void mappedOwnersKeepTheirUserAndEveryOtherEntityGetsTheOwner() {
        OwnerResolution owners = OwnerResolution.resolve("c1", "u9", Optional.empty())
                .withUserMapping(Map.of("old-a", "new-a"));
        assertThat(owners.ownerOf("old-a")).isEqualTo("new-a");
        assertThat(owners.ownerOf("old-b")).isEqualTo("u9");
        assertThat(owners.ownerOf("")).isEqualTo("u9");
        assertThat(owners.ownerOf(null)).isEqualTo("u9");
    }
}
