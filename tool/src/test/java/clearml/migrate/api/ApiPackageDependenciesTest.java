package clearml.migrate.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The API client stays an adapter's building block (docs/architecture.md, "The REST API client"): it knows the
 * failures, the retry waits and JSON, and nothing of the stores, the archive or the use cases.
 */
class ApiPackageDependenciesTest {

    @Test
    void dependsOnlyOnFailuresRetryAndJson() {
        JavaClasses api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clearml.migrate.api");

        classes().should().onlyDependOnClassesThat().resideInAnyPackage("clearml.migrate.api..",
                "clearml.migrate.failures..", "clearml.migrate.retry..", "java..", "com.fasterxml.jackson..",
                "com.typesafe.config..", "org.jspecify..").check(api);
    }
}
