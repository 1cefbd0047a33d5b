package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveUsers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class UserPlanTest {

    private final ArchiveUsers users = new ArchiveUsers(List.of(
            Document.parse("""
                    {"_id": "u-dana", "name": "Dana", "role": "admin", "company": "", "email": "dana@acme.io",
                     "credentials": [{"key": "K1", "secret": "S1"}, {"key": "K2", "secret": "S2", "company": ""}]}"""),
            Document.parse("""
                    {"_id": "u-eli", "name": "Eli", "role": "user", "company": "", "email": "eli@acme.io"}"""),
            Document.parse("""
                    {"_id": "u-old", "name": "Old", "role": "user", "company": "", "email": "old@acme.io"}"""),
            Document.parse("""
                    {"_id": "u-nomail", "name": "No Mail", "role": "user", "company": ""}""")),
            List.of(Document.parse("{\"_id\": \"u-dana\", \"company\": \"\", \"name\": \"Dana\", \"given_name\": \"Dana\"}")));

    private final ExistingUsers existing = new ExistingUsers(Set.of("x-eli", "u-old", "x-blank"),
            Map.of("eli@acme.io", "x-eli", "", "x-blank"));

    private final UserPlan plan = UserPlan.plan(users, existing, "c1");

    @Test
    void mapsByEmailToExistingUsersAndEveryOtherUserToItself() {
        assertThat(plan.mapping()).isEqualTo(Map.of("u-dana", "u-dana", "u-eli", "x-eli", "u-old", "u-old",
                "u-nomail", "u-nomail"));
        assertThat(plan.matchedByEmail()).isEqualTo(1);
        assertThat(plan.alreadyThere()).isEqualTo(1);
    }

    @Test
    void createsMissingUsersInTheTargetCompanyWithTheirArchivedCredentialsAndClearmlsSaveDefaults() {
        assertThat(plan.authToCreate()).containsExactly(
                Document.parse("""
                        {"_id": "u-dana", "name": "Dana", "role": "admin", "company": "c1", "email": "dana@acme.io",
                         "credentials": [{"key": "K1", "secret": "S1"}, {"key": "K2", "secret": "S2", "company": "c1"}]}"""),
                Document.parse("""
                        {"_id": "u-nomail", "name": "No Mail", "role": "user", "company": "c1", "credentials": []}"""));
        assertThat(plan.backendToCreate()).containsExactly(
                Document.parse("{\"_id\": \"u-dana\", \"company\": \"c1\", \"name\": \"Dana\", \"given_name\": \"Dana\","
                        + " \"preferences\": \"\"}"),
                Document.parse("{\"_id\": \"u-nomail\", \"name\": \"No Mail\", \"company\": \"c1\", \"preferences\": \"\"}"));
    }
}
