package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.MigrateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link FileStore} promises, run against each variant over a real storage directory: the
 * files a test writes with the JDK are the ones the store reads, and the other way round.
 */
abstract class AbstractFileStoreContractTest {

    @TempDir
    Path dir;

    Path root;
    FileStore store;

    /** A store whose storage root is the existing directory {@code root}. */
    abstract FileStore openStore(Path root) throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        root = Files.createDirectories(dir.resolve("fileserver"));
        store = openStore(root);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Project A/train.0a1b/artifacts/data/data.csv",
            "Vision Team/pretrained/resnet50 ✓.pt",
            "odd/a#b?c%20d&e:f+g=h'i.bin",
            "reports/3f2a9c/plot.png"})
    void opensAStoredFileByItsRelativePath(String path) throws IOException {
        write(path, "content of " + path);

        assertThat(readAll(path)).isEqualTo("content of " + path);
    }

    @Test
    void answersEmptyForAMissingFileAndForADirectory() throws IOException {
        Files.createDirectories(root.resolve("Project A/train.0a1b"));

        assertThat(store.open("Project A/missing.bin")).isEmpty();
        assertThat(store.open("Project A/train.0a1b")).isEmpty();
        assertThat(store.exists("Project A/train.0a1b")).isFalse();
    }

    @Test
    void existsForAStoredFile() throws IOException {
        write("a/b.txt", "x");

        assertThat(store.exists("a/b.txt")).isTrue();
        assertThat(store.exists("a/c.txt")).isFalse();
    }

    @Test
    void createsAFileAndItsDirectories() {
        PutOutcome outcome = put("Project A/train.0a1b/models/model ✓.pt", "weights");

        assertThat(outcome).isEqualTo(PutOutcome.CREATED);
        assertThat(root.resolve("Project A/train.0a1b/models/model ✓.pt")).hasContent("weights");
    }

    @Test
    void leavesAFileWithTheSameBytesUnchanged() {
        put("a/b.txt", "same");

        assertThat(put("a/b.txt", "same")).isEqualTo(PutOutcome.UNCHANGED);
        assertThat(root.resolve("a/b.txt")).hasContent("same");
    }

    @Test
    void holdsOnlyTheSameBytesAtThePath() {
        put("a/b.txt", "same");

        assertThat(holds("a/b.txt", "same")).isTrue();
        assertThat(holds("a/b.txt", "sane")).isFalse();
        assertThat(holds("a/b.txt", "same but longer")).isFalse();
        assertThat(holds("a/c.txt", "same")).isFalse();
    }

    @Test
    void replacesAFileWithOtherBytesOfTheSameLength() {
        put("a/b.txt", "aaaa");

        assertThat(put("a/b.txt", "bbbb")).isEqualTo(PutOutcome.REPLACED);
        assertThat(root.resolve("a/b.txt")).hasContent("bbbb");
    }

    @Test
    void tellsBeforeWriteThePathWhileTheOldBytesAreStillThereAndOnlyWhenItWrites() {
        put("a/b.txt", "old");
        List<String> seen = new ArrayList<>();
        byte[] bytes = "new".getBytes(StandardCharsets.UTF_8);

        PutOutcome replaced = store.put("a/b.txt", () -> new ByteArrayInputStream(bytes), bytes.length,
                path -> seen.add(path + "=" + readString(path)));
        PutOutcome unchanged = store.put("a/b.txt", () -> new ByteArrayInputStream(bytes), bytes.length,
                path -> seen.add(path + " again"));

        assertThat(List.of(replaced, unchanged)).containsExactly(PutOutcome.REPLACED, PutOutcome.UNCHANGED);
        assertThat(seen).containsExactly("a/b.txt=old");
        assertThat(root.resolve("a/b.txt")).hasContent("new");
    }

    @Test
    void replacesAFileOfAnotherLength() {
        put("a/b.txt", "short");

        assertThat(put("a/b.txt", "much longer")).isEqualTo(PutOutcome.REPLACED);
        assertThat(root.resolve("a/b.txt")).hasContent("much longer");
    }

    @Test
    void storesAndReadsAnEmptyFile() throws IOException {
        assertThat(put("a/empty.txt", "")).isEqualTo(PutOutcome.CREATED);

        assertThat(root.resolve("a/empty.txt")).isEmptyFile();
        assertThat(readAll("a/empty.txt")).isEmpty();
        assertThat(put("a/empty.txt", "")).isEqualTo(PutOutcome.UNCHANGED);
    }

    @Test
    void acceptsContentOfUnknownLength() {
        byte[] bytes = "unknown length".getBytes(StandardCharsets.UTF_8);

        assertThat(store.put("a/u.txt", () -> new ByteArrayInputStream(bytes), -1)).isEqualTo(PutOutcome.CREATED);
        assertThat(root.resolve("a/u.txt")).hasContent("unknown length");
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 30})
    void refusesContentOfAnotherLengthThanDeclaredAndLeavesNoFile(long declared) {
        byte[] bytes = "ten bytes!".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> store.put("a/wrong.bin", () -> new ByteArrayInputStream(bytes), declared))
                .isInstanceOf(MigrateException.class).hasMessageContaining("a/wrong.bin");
        assertThat(root.resolve("a/wrong.bin")).doesNotExist();
    }

    @Test
    void streamsAFileOfSeveralMegabytesBothWays() throws Exception {
        long size = 6L << 20;
        String expected = sha256(new SeededBytes(size));

        assertThat(store.put("big/data.bin", () -> new SeededBytes(size), size)).isEqualTo(PutOutcome.CREATED);

        try (InputStream in = store.open("big/data.bin").orElseThrow()) {
            assertThat(sha256(in)).isEqualTo(expected);
        }
        assertThat(root.resolve("big/data.bin")).hasSize(size);
    }

    @Test
    void deletesAFileAndAnswersFalseWhenThereIsNone() throws IOException {
        write("a/b.txt", "x");

        assertThat(store.delete("a/b.txt")).isTrue();
        assertThat(root.resolve("a/b.txt")).doesNotExist();
        assertThat(store.delete("a/b.txt")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.txt", "/etc/outside.txt", "a/../../outside.txt", "a/./b", "a//b", "a\\..\\b",
            "a\u0000b", "C:/outside.txt", "", "a/"})
    void refusesPathsThatCouldLeaveTheRoot(String path) throws IOException {
        Files.writeString(dir.resolve("outside.txt"), "secret");

        assertThatThrownBy(() -> store.open(path)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> put(path, "evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(path)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("outside.txt")).hasContent("secret");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    PutOutcome put(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return store.put(path, () -> new ByteArrayInputStream(bytes), bytes.length);
    }

    String readString(String path) {
        try (InputStream in = store.open(path).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean holds(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return store.holds(path, () -> new ByteArrayInputStream(bytes), bytes.length);
    }

    void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    String readAll(String path) throws IOException {
        try (InputStream in = store.open(path).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code size} pseudo-random bytes from a fixed seed, generated as read: large content without a large array. */
    static final class SeededBytes extends InputStream {
        private final Random random = new Random(42);
        private long left;

        SeededBytes(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? random.nextInt(256) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            left -= n;
            return n;
        }
    }
}
