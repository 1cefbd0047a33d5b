package clearml.migrate;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each package of the tool depends only on the packages the "depends on" column of docs/architecture.md names
 * for it, read from the page itself so that the table and the code cannot drift apart.
 */
class LayersTest {

    private static final Path ARCHITECTURE = Path.of("../docs/architecture.md");
    private static final String TABLE = "## Packages of `tool`";

    @Test
    void eachPackageDependsOnlyOnWhatTheArchitectureTableSays() throws IOException {
        JavaClasses tool = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clearml.migrate");

        layers("clearml.migrate", dependsOn(Files.readAllLines(ARCHITECTURE)))
                .ensureAllClassesAreContainedInArchitectureIgnoring("clearml.migrate")
                .check(tool);
    }

    @Test
    void readsTheColumnWithItsNotesLeftOutAndEverythingBelowSpelledOut() throws IOException {
        Map<String, List<String>> table = dependsOn(Files.readAllLines(ARCHITECTURE));

        assertThat(table.get("failures")).isEmpty();
        assertThat(table.get("files")).contains("archive", "links").doesNotContain("ArtifactsZip");
        assertThat(table.get("cli")).containsAll(table.keySet().stream().filter(p -> !p.equals("cli")).toList());
    }

    /** Guards the guard: a table that allows {@code a} nothing must reject {@code a} importing {@code b}. */
    @Test
    void theRuleRejectsADependencyTheTableDoesNotName() {
        JavaClasses fixture = new ClassFileImporter().importPackages("archfixture.cycle");
        Map<String, List<String>> table = dependsOn(List.of(TABLE, "| package | knows | depends on |",
                "| `a` | left | nothing |", "| `b` | right | a |"));

        assertThatThrownBy(() -> layers("archfixture.cycle", table).check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Left");
    }

    private static LayeredArchitecture layers(String root, Map<String, List<String>> dependsOn) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : dependsOn.keySet()) {
            layers = layers.layer(name).definedBy(root + "." + name + "..");
        }
        for (Map.Entry<String, List<String>> row : dependsOn.entrySet()) {
            layers = row.getValue().isEmpty() ? layers.whereLayer(row.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(row.getKey()).mayOnlyAccessLayers(row.getValue().toArray(String[]::new));
        }
        return layers;
    }

    /**
     * The "depends on" cell of each row, in table order: the packages named, comma-separated, with notes in
     * parentheses left out; "nothing" is none, "everything below" is every package of the rows below.
     */
    private static Map<String, List<String>> dependsOn(List<String> page) {
        Map<String, String> cells = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : page) {
            if (line.startsWith("## ")) {
                inTable = line.startsWith(TABLE);
            } else if (inTable && line.startsWith("| `")) {
                String[] columns = line.split("\\|");
                cells.put(columns[1].strip().replace("`", ""), columns[columns.length - 1].strip());
            }
        }
        Map<String, List<String>> table = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(cells.keySet());
        for (int i = 0; i < names.size(); i++) {
            String cell = cells.get(names.get(i)).replaceAll("\\([^)]*\\)", "");
            table.put(names.get(i), cell.equals("nothing") ? List.of() : cell.equals("everything below")
                    ? names.subList(i + 1, names.size())
                    : Arrays.stream(cell.split(",")).map(String::strip).toList());
        }
        return table;
    }
}
