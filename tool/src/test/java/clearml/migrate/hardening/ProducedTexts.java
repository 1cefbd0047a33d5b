package clearml.migrate.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Everything commands wrote under a directory, as text to search for secrets: each file, zips (archives,
 * {@code .artifacts} companions) entry by entry as {@code zip!entry}, gzip files (undo journals) unpacked.
 */
public final class ProducedTexts {

    private ProducedTexts() {
    }

    /** Each file under {@code root} by name ({@code zip!entry} for a zip's entries), as ISO-8859-1 text. */
    public static Map<String, String> under(Path root) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] magic = magic(file);
                if (magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                    texts.putAll(entries(file));
                } else if ((magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        texts.put(file.toString(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                } else {
                    texts.put(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return texts;
    }

    private static byte[] magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.copyOf(in.readNBytes(4), 4);
        }
    }

    private static Map<String, String> entries(Path zip) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                try (InputStream in = file.getInputStream(entry)) {
                    texts.put(zip + "!" + entry.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(zip + "!" + entry.getName(), e);
                }
            }
        }
        return texts;
    }
}
