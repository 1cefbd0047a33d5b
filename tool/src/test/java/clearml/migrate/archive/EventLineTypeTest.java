package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict scanner never accepts a line Jackson refuses and gives the type Jackson gives, and it does take the
 * genuine archives' lines (else the validation pass would not get faster).
 */
class EventLineTypeTest {

    private static final EventLineType TYPES = new EventLineType(ArchiveJson.mapper().getFactory());

    @Test
    void scansEveryLineOfBothGenuineArchivesAsJacksonReadsIt() throws IOException {
        List<String> lines = genuineEventLines();
        assertThat(lines).hasSizeGreaterThan(100);
        int scanned = 0;
        for (String text : lines) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            boolean eligible = bytes.length == text.length() && bytes.length <= EventLineType.MAX_SCANNED_BYTES
                    && !text.contains("NaN") && !text.contains("Infinity");
            JsonNode type = EventLineType.scanned(bytes, 0, bytes.length);
            if (eligible) {
                assertThat(type).as(text).isNotNull().isEqualTo(TYPES.parsed(line(text)));
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThan(lines.size() / 2);
    }

    /** Lines mutated byte by byte from genuine and built ones: whatever the scanner takes, Jackson takes alike. */
    @Test
    void neverAcceptsAMutantJacksonRefusesNorGivesAnotherType() throws IOException {
        List<String> seeds = new ArrayList<>(genuineEventLines().stream()
                .filter(line -> line.length() <= 2_000 && line.chars().allMatch(c -> c < 0x80)).limit(200).toList());
        seeds.addAll(List.of(
                "{\"type\":\"log\",\"a\":[1,-2.5e+3,0.0,true,false,null,{\"b\":[]},{}],\"c\":\"\\u00e9\\n\\\"\"}",
                "{ \"type\" : \"plot\" , \"plot_str\" : \"{\\\"data\\\": [1, 2]}\" }",
                "{\"type\":\"training_debug_image\",\"type\":\"log\",\"x\":{\"type\":\"inner\"}}",
                "{\"n\":-0,\"m\":1E5,\"k\":[[[[]]]],\"type\":\"training_stats_scalar\"}"));
        String alphabet = "{}[]\":,\\ -+.0123456789eEtruefalsnlu/\t\r\n\u0001xNaI";
        Random random = new Random(14);
        int accepted = 0;
        int refusedByJackson = 0;
        for (int round = 0; round < 40_000; round++) {
            StringBuilder mutant = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int edits = 1 + random.nextInt(3); edits > 0 && !mutant.isEmpty(); edits--) {
                int at = random.nextInt(mutant.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> mutant.deleteCharAt(at);
                    case 1 -> mutant.insert(at, c);
                    default -> mutant.setCharAt(at, c);
                }
            }
            String text = mutant.toString();
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            JsonNode scanned = EventLineType.scanned(bytes, 0, bytes.length);
            JsonNode parsed = jacksonOrNull(text);
            if (scanned != null) {
                accepted++;
                assertThat(parsed).as(text).isEqualTo(scanned);
            } else if (parsed == null) {
                refusedByJackson++;
            }
        }
        // the mutants reach both sides: many taken by the scanner, many Jackson refuses
        assertThat(accepted).isGreaterThan(5_000);
        assertThat(refusedByJackson).isGreaterThan(5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"log\",\"value\":NaN}",          // Jackson takes it here; the scanner leaves it to Jackson
        "{\"type\":\"lo\\u0067\"}",                   // an escaped type
        "{\"typ\\u0065\":\"log\"}",                   // an escaped top-level name may spell "type"
        "{\"type\":\"log\",\"n\":01}",
        "{\"type\":\"log\",\"n\":1.}",
        "{\"type\":\"log\",\"n\":-}",
        "{\"type\":\"log\",\"n\":+1}",
        "{\"type\":\"log\",\"s\":\"a\u0001b\"}",
        "{\"type\":\"log\",\"s\":\"\\x\"}",
        "{\"type\":\"log\",\"s\":\"\\u12G4\"}",
        "{\"type\":\"log\",}",
        "{\"type\" \"log\"}",
        "{\"type\":\"log\"}}",
        "{\"type\":\"log\"} x",
        "{\"type\":\"log\",\"b\":tru}",
        "{\"type\":\"log\",\"b\":truex}",
        "[{\"type\":\"log\"}]",
        "{\"type\":\"log\",\"a\":[1,]}",
        "{\"type\":\"log\",\"a\":[1 2]}",
    })
    void declinesWhatIsNotStrictJsonOrNotPlain(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(EventLineType.scanned(bytes, 0, bytes.length)).isNull();
    }

    @Test
    void declinesNestingDeeperThanItsBoundAndTakesItsBound() {
        String within = "{\"type\":\"log\",\"a\":" + "[".repeat(EventLineType.MAX_DEPTH - 1)
                + "]".repeat(EventLineType.MAX_DEPTH - 1) + "}";
        String beyond = "{\"type\":\"log\",\"a\":" + "[".repeat(EventLineType.MAX_DEPTH)
                + "]".repeat(EventLineType.MAX_DEPTH) + "}";
        assertThat(EventLineType.scanned(within.getBytes(), 0, within.length())).isEqualTo(jacksonOrNull(within));
        assertThat(EventLineType.scanned(beyond.getBytes(), 0, beyond.length())).isNull();
        String longNumber = "{\"type\":\"log\",\"n\":1" + "0".repeat(EventLineType.MAX_NUMBER_CHARS) + "}";
        assertThat(EventLineType.scanned(longNumber.getBytes(), 0, longNumber.length())).isNull();
    }

    @Test
    void givesTheLastTopLevelTypeAsJacksonDoesAndNeverANestedOne() {
        for (String text : List.of("{\"type\":\"log\",\"type\":\"plot\"}", "{\"a\":{\"type\":\"plot\"}}",
                "{\"type\":3}", "{\"type\":{\"x\":\"log\"},\"y\":1}", "{\"type\":null}", "{}")) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            JsonNode scanned = EventLineType.scanned(bytes, 0, bytes.length);
            assertThat(scanned).as(text).isNotNull().isEqualTo(TYPES.parsed(line(text)));
        }
    }

    @Test
    void readsOnlyItsSliceOfTheBuffer() {
        byte[] bytes = "xx{\"type\":\"log\"}{\"a\":".getBytes(StandardCharsets.US_ASCII);
        assertThat(EventLineType.scanned(bytes, 2, 14)).isEqualTo(TYPES.parsed(line("{\"type\":\"log\"}")));
        assertThat(EventLineType.scanned(bytes, 2, 13)).isNull();
    }

    private static @Nullable JsonNode jacksonOrNull(String text) {
        try {
            return TYPES.parsed(line(text));
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }

    private static ArchiveLine line(String text) {
        ArchiveLine line = new ArchiveLine();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != text.length()) {
            line.setText(text);
            return line;
        }
        System.arraycopy(bytes, 0, line.buffer(bytes.length, 0), 0, bytes.length);
        line.setAscii(0, bytes.length);
        return line;
    }

    private static List<String> genuineEventLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String fixture : List.of(Fixtures.SMALL, Fixtures.RICH)) {
            try (ZipFile zip = ZipFile.builder().setPath(Fixtures.archive(fixture)).get()) { // bzip2 entries
                for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                    if (entry.getName().endsWith("_events.json")) {
                        try (BufferedReader reader = new BufferedReader(
                                new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
                            reader.lines().map(String::strip).filter(line -> line.startsWith("{"))
                                    .map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line)
                                    .forEach(lines::add);
                        }
                    }
                }
            }
        }
        return lines;
    }
}
