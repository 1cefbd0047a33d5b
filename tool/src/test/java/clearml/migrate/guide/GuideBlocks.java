package clearml.migrate.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the Markdown files under {@code docs/}, in file-name order and then in page order:
 * the commands of the user guide as a reader sees them.
 */
record GuideBlocks(List<Block> blocks) {

    /** One fenced block: its language tag (empty when none), where it starts, and its lines. */
    record Block(Path file, int line, String language, List<String> lines) {
    }

    /** The docs directory of this checkout, found from the working directory (the module or the root). */
    static Path docsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/guide.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/guide.md above " + Path.of("").toAbsolutePath());
    }

    static GuideBlocks read(Path docs) {
        List<Block> blocks = new ArrayList<>();
        for (Path file : markdownFiles(docs)) {
            blocks.addAll(blocksOf(file));
        }
        return new GuideBlocks(List.copyOf(blocks));
    }

    List<Block> withLanguage(String language) {
        return blocks.stream().filter(b -> b.language().equals(language)).toList();
    }

    private static List<Path> markdownFiles(Path docs) {
        try (Stream<Path> files = Files.list(docs)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Block> blocksOf(Path file) {
        List<String> lines = readLines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (fence.startsWith("```")) {
                int end = closingFence(lines, i + 1);
                blocks.add(new Block(file, i + 1, fence.substring(3).strip(), List.copyOf(lines.subList(i + 1, end))));
                i = end;
            }
        }
        return blocks;
    }

    private static int closingFence(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```")) {
                return i;
            }
        }
        throw new IllegalStateException("unclosed code block at line " + from);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
