package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract on a storage directory, plus what only a directory can do wrong: links out and half files. */
class DirectoryFileStoreTest extends AbstractFileStoreContractTest {

    @Override
    FileStore openStore(Path root) {
        return FileStores.open(root.toString(), null);
    }

    @Test
    void refusesToFollowASymbolicLinkOutOfTheRoot() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatThrownBy(() -> store.open("escape/secret.txt")).isInstanceOf(StoreAccessDeniedException.class)
                .hasMessageContaining("escape/secret.txt").hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> put("escape/new.txt", "evil")).isInstanceOf(StoreAccessDeniedException.class);
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void followsASymbolicLinkThatStaysInsideTheRoot() throws IOException {
        write("real/a.txt", "inside");
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

        assertThat(readAll("alias/a.txt")).isEqualTo("inside");
    }

    @Test
    void keepsTheOldFileWhenACopyBreaksHalfway() throws IOException {
        put("a/model.pt", "old weights");
        InputStream breaking = new SequenceInputStream(new ByteArrayInputStream("new wei".getBytes()),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk unplugged");
                    }
                });

        assertThatThrownBy(() -> store.put("a/model.pt", () -> breaking, 11))
                .isInstanceOf(StoreUnreachableException.class).hasMessageContaining("a/model.pt")
                .hasMessageContaining("disk unplugged");
        assertThat(root.resolve("a/model.pt")).hasContent("old weights");
        try (Stream<Path> files = Files.list(root.resolve("a"))) {
            assertThat(files).containsExactly(root.resolve("a/model.pt"));
        }
    }

    @Test
    void namesAMissingDirectoryInOneLine() {
        assertThatThrownBy(() -> FileStores.open(dir.resolve("nope").toString(), null))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageContaining(dir.resolve("nope").toString())
                .hasMessageContaining("--artifacts-from/--artifacts-to")
                .hasMessageNotContaining("\n");
    }
}
