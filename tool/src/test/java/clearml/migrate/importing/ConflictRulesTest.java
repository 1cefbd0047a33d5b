package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.ConflictException;
import clearml.migrate.importing.ConflictRules.ProjectDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConflictRulesTest {

    @ParameterizedTest(name = "{0}, exists={1} -> {2}")
    @CsvSource(textBlock = """
            OVERWRITE, false, CREATE
            OVERWRITE, true,  OVERWRITE
            SKIP,      false, CREATE
            SKIP,      true,  SKIP
            FAIL,      false, CREATE
            """)
    void decidesByIdUnderEachPolicy(ConflictPolicy policy, boolean exists, EntityAction expected) {
        ConflictRules rules = new ConflictRules(policy, ProjectNamePolicy.MERGE);
        assertThat(rules.byId(EntityKind.TASK, "t1", exists)).isEqualTo(expected);
        assertThat(rules.refusals()).isEmpty();
    }

    @Test
    void failPolicyCollectsEveryConflictAndRefusesOnceWithAllOfThem() {
        ConflictRules rules = new ConflictRules(ConflictPolicy.FAIL, ProjectNamePolicy.MERGE);
        rules.byId(EntityKind.TASK, "t1", true);
        rules.byId(EntityKind.MODEL, "m1", true);
        rules.byId(EntityKind.TASK, "t2", false);
        assertThat(rules.refusals()).containsExactly("task t1 already exists", "model m1 already exists");
        assertThatThrownBy(rules::throwIfRefused).isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("2 conflict(s) with the target: task t1 already exists; model m1 already exists")
                .hasMessageContaining("nothing was written");
    }

    @Test
    void noConflictsMeansNoRefusal() {
        ConflictRules rules = new ConflictRules(ConflictPolicy.FAIL, ProjectNamePolicy.FAIL);
        rules.forProject("p1", false, "Team", null);
        rules.throwIfRefused();
        assertThat(rules.refusals()).isEmpty();
    }

    @Test
    void sameNameMergesIntoTheExistingProjectByDefault() {
        ConflictRules rules = new ConflictRules(ConflictPolicy.FAIL, ProjectNamePolicy.MERGE);
        assertThat(rules.forProject("p1", false, "Team", "p-existing"))
                .isEqualTo(new ProjectDecision(EntityAction.MERGE, "p-existing", null));
        assertThat(rules.refusals()).isEmpty();
    }

    @Test
    void sameNameUnderRenameExistingWritesTheProjectAndRenamesTheOther() {
        ConflictRules rules = new ConflictRules(ConflictPolicy.OVERWRITE, ProjectNamePolicy.RENAME_EXISTING);
        assertThat(rules.forProject("p1", true, "Team", "p-existing"))
                .isEqualTo(new ProjectDecision(EntityAction.OVERWRITE, null, "p-existing"));
    }

    @Test
    void sameNameUnderFailIsRefused() {
        ConflictRules rules = new ConflictRules(ConflictPolicy.OVERWRITE, ProjectNamePolicy.FAIL);
        rules.forProject("p1", false, "Team/Sub", "p-existing");
        assertThat(rules.refusals()).containsExactly("project name 'Team/Sub' is taken by project p-existing");
    }
}
