package clearml.sandbox.seed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** File-server URLs found in stored values, mapped to paths the way the exporter does: {@code unquote(url path)}. */
final class FileServerPaths {

    private FileServerPaths() {
    }

    /** Every file-server URL in a string: the whole string, or URLs inside markdown links {@code ](url)}. */
    static Stream<String> urlsIn(String value, String fileserverUrl) {
        if (value.startsWith(fileserverUrl + "/")) {
            return Stream.of(value);
        }
        Matcher markdown = Pattern.compile("\\]\\((" + Pattern.quote(fileserverUrl) + "/[^)]+)\\)").matcher(value);
        Stream.Builder<String> urls = Stream.builder();
        while (markdown.find()) {
            urls.add(markdown.group(1));
        }
        return urls.build();
    }

    /** Python's {@code unquote(furl(url).path)} without the leading slash: %XX decoded as UTF-8, '+' kept. */
    static String relativePath(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        String path = rest.substring(rest.indexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Relative path -> size of every regular file under {@code root}. */
    static Map<String, Long> filesUnder(Path root) {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.put(root.relativize(f).toString(), size(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String host(String url) {
        return URI.create(url.replace(" ", "%20")).getHost();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
