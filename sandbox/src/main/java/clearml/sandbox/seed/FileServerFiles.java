package clearml.sandbox.seed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;

/**
 * The file-server files the seeded URLs name: builds each URL from a storage path and remembers the path, then writes
 * every remembered file under the file-server root at the end.
 *
 * <p>A URL's path is the storage path quoted the way the SDK quotes it (data model §6.2: letters, digits, space and
 * {@code '[]{}()$^,.;-_+=/} stay literal, anything else becomes {@code %XX}), so spaces stay literal (§6.4) and
 * {@code unquote(url path)} is the file's path under the root (§3.10). The byte budget is spread evenly over the
 * files once all are known ({@link #writeAll}), and artifact documents get their {@code content_size} then.
 */
final class FileServerFiles {

    private static final String SAFE = "'[]{}()$^,.;-_+=/ ~";

    private final String baseUrl;
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    private final List<Map.Entry<Document, String>> sizedArtifacts = new ArrayList<>();

    FileServerFiles(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The URL of a file at {@code path} (relative, unquoted), remembering the file. */
    String url(String path) {
        sizes.putIfAbsent(path, 0L);
        return baseUrl + "/" + quote(path);
    }

    /** The URL of an artifact's file; {@code artifact} gets the file's {@code content_size} when sizes are known. */
    String artifactUrl(Document artifact, String path) {
        sizedArtifacts.add(Map.entry(artifact, path));
        return url(path);
    }

    int count() {
        return sizes.size();
    }

    /** Spreads {@code budget} bytes over the files, writes them under {@code root}, and returns the bytes written. */
    long writeAll(Path root, long budget) {
        long each = budget / Math.max(1, sizes.size());
        long extra = budget - each * sizes.size();
        for (Map.Entry<String, Long> file : sizes.entrySet()) {
            file.setValue(each + (extra-- > 0 ? 1 : 0));
        }
        sizedArtifacts.forEach(e -> e.getKey().put("content_size", sizes.get(e.getValue())));
        long written = 0;
        byte[] filler = new byte[64 * 1024];
        new Random(7).nextBytes(filler);
        for (Map.Entry<String, Long> file : sizes.entrySet()) {
            write(root.resolve(file.getKey()), file.getValue(), filler);
            written += file.getValue();
        }
        return written;
    }

    static String quote(String path) {
        StringBuilder quoted = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE.indexOf(c) >= 0) {
                quoted.append(c);
            } else {
                quoted.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return quoted.toString();
    }

    /** The content is a magic number then random-looking filler, so file sizes hold after compression too. */
    private static void write(Path file, long size, byte[] filler) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] magic = magic(file.getFileName().toString());
                out.write(magic, 0, (int) Math.min(magic.length, size));
                for (long left = size - Math.min(magic.length, size); left > 0; left -= filler.length) {
                    out.write(filler, 0, (int) Math.min(filler.length, left));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write seeded file-server file " + file, e);
        }
    }

    /** The first bytes of a real file of that kind, so a reader sniffing the type is not surprised. */
    private static byte[] magic(String name) {
        if (name.endsWith(".png")) {
            return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        }
        if (name.endsWith(".zip")) {
            return new byte[] {'P', 'K', 3, 4};
        }
        if (name.endsWith(".gz")) {
            return new byte[] {0x1f, (byte) 0x8b};
        }
        return new byte[0];
    }
}
