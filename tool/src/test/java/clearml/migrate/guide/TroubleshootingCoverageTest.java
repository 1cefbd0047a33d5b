package clearml.migrate.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every one-line failure the tool can print is in the troubleshooting section of docs/reference.md: for each
 * {@code new XxxException(…)} in the main code, the first words of its most telling literal appear there.
 */
class TroubleshootingCoverageTest {

    private static final int WORDS = 4;

    @Test
    void everyFailureMessageOfTheCodeIsListed() throws IOException {
        Path docs = GuideBlocks.docsDirectory();
        String reference = normalized(Files.readString(docs.resolve("reference.md")));
        ThrowSites sites = ThrowSites.scan(docs.getParent().resolve("tool/src/main/java"));

        assertThat(sites.sites()).as("failure constructions found").hasSizeGreaterThan(50);
        List<String> missing = sites.sites().stream().filter(site -> !reference.contains(telling(site)))
                .map(site -> site.where() + ": \"" + telling(site) + "\"").toList();
        assertThat(missing).as("messages missing from reference.md#troubleshooting").isEmpty();
    }

    /**
     * The first words of the first literal of three words or more (else of the one with the most words): the
     * start of what the message says, after the host, file or value it names.
     */
    private static String telling(ThrowSites.Site site) {
        List<String> literals = site.literals().stream().map(TroubleshootingCoverageTest::normalized).toList();
        String chosen = literals.stream().filter(literal -> literal.split(" ").length >= 3).findFirst()
                .orElseGet(() -> literals.stream().max(Comparator.comparingInt(l -> l.split(" ").length)).orElse(""));
        String[] words = chosen.split(" ");
        return String.join(" ", Arrays.copyOf(words, Math.min(WORDS, words.length)));
    }

    /** Lower case, with everything but letters, digits and hyphens as single spaces. */
    private static String normalized(String text) {
        return text.replace("\\\"", " ").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}-]+", " ").strip();
    }
}
