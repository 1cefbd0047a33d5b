package clearml.sandbox.seed;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures a seed by hand; not part of the suite (surefire's default includes skip {@code *Benchmark}):
 * {@code mvn -B -q -o -pl sandbox-es7,sandbox test -Dtest=SeedBenchmark -Dseed.size=large
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints events/s, documents/s and seconds.
 */
@ExtendWith(SandboxExtension.class)
@EnabledIfSystemProperty(named = "seed.size", matches = "small|medium|large")
class SeedBenchmark {

    @Test
    void seedsAndPrintsTheRate(Sandbox source) {
        SeedSize size = SeedSize.named(System.getProperty("seed.size"));
        source.reset();

        SeedReport report = new Seeder().seed(source, size);

        double seconds = report.elapsed().toMillis() / 1000.0;
        System.out.printf("seed %s: %d events, %d mongo documents, %d files / %d bytes in %.1f s: %.0f events/s, "
                + "%.0f docs/s (events + documents)%n", System.getProperty("seed.size"), report.events(),
                report.mongoDocuments(), report.files(), report.fileBytes(), seconds, report.events() / seconds,
                (report.events() + report.mongoDocuments()) / seconds);
        assertThat(new StoredEvents(source.elasticUri()).count("events-*")).isEqualTo(report.events());
    }
}
