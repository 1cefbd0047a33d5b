package clearml.sandbox;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox's packages form no import cycle (the tool's own check is {@code PackageCyclesTest}). */
class SandboxPackageCyclesTest {

    @Test
    void sandboxPackagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clearml.sandbox");
        slices().matching("clearml.sandbox.(*)..").should().beFreeOfCycles().check(classes);
    }
}
