package clearml.migrate;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** No package of the tool imports a package that imports it back (docs/architecture.md). */
class PackageCyclesTest {

    @Test
    void packagesOfTheToolAreFreeOfCycles() {
        JavaClasses tool = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clearml.migrate");

        slices().matching("clearml.migrate.(*)..").should().beFreeOfCycles().check(tool);
    }

    /** Guards the guard: the same rule must reject two packages that import each other. */
    @Test
    void theRuleRejectsACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("archfixture.cycle");

        assertThatThrownBy(() -> slices().matching("archfixture.cycle.(*)..").should().beFreeOfCycles().check(cyclic))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }
}
