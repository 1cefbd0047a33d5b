package clearml.sandbox.fileserver;

import clearml.sandbox.http.LoopbackServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.zip.Adler32;
import org.jspecify.annotations.Nullable;

/**
 * A file sent the way Flask's {@code send_from_directory} (conditional) sends it: {@code ETag} and
 * {@code Last-Modified}, 304 for a matching {@code If-None-Match} or {@code If-Modified-Since}, one byte range per
 * request (206 with {@code Content-Range}, 416 when it cannot be met), the whole file for several ranges, and
 * {@code ?download} as an attachment.
 */
final class Downloads {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private Downloads() {
    }

    static void send(HttpExchange exchange, Path file, String path) throws IOException {
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis() / 1000;
        String etag = "\"" + modified + "-" + size + "-" + adler32(file.toString()) + "\"";
        var headers = exchange.getResponseHeaders();
        describe(exchange, file, etag, modified);
        if (notModified(exchange, etag, modified)) {
            LoopbackServer.send(exchange, 304, contentType(path), null);
            return;
        }
        long[] range = range(exchange.getRequestHeaders().getFirst("Range"), size);
        if (range != null && range.length == 0) {
            headers.set("Content-Range", "bytes */" + size);
            LoopbackServer.send(exchange, 416, "text/html; charset=utf-8",
                    "<h1>Requested Range Not Satisfiable</h1>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        long start = range == null ? 0 : range[0];
        long length = range == null ? size : range[1] - range[0] + 1;
        if (range != null) {
            headers.set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        }
        headers.set("Content-Type", contentType(path));
        exchange.sendResponseHeaders(range == null ? 200 : 206, length == 0 ? -1 : length);
        if (length > 0 && !"HEAD".equals(exchange.getRequestMethod())) {
            copy(file, start, length, exchange.getResponseBody());
        }
    }

    private static void describe(HttpExchange exchange, Path file, String etag, long modified) {
        var headers = exchange.getResponseHeaders();
        headers.set("ETag", etag);
        headers.set("Last-Modified", HTTP_DATE.format(Instant.ofEpochSecond(modified)));
        headers.set("Cache-Control", "no-cache");
        headers.set("Accept-Ranges", "bytes");
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && ("&" + query + "&").contains("&download")) {
            headers.set("Content-Disposition", "attachment; filename=" + file.getFileName());
        }
    }

    private static boolean notModified(HttpExchange exchange, String etag, long modified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.equals("*") || ifNoneMatch.contains(etag);
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince == null) {
            return false;
        }
        try {
            return HTTP_DATE.parse(ifModifiedSince, Instant::from).getEpochSecond() >= modified;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The inclusive byte range a {@code Range} header asks for within {@code size}; null to send the whole file (no
     * header, a malformed one, or several ranges); an empty array when the range cannot be met.
     */
    static long @Nullable [] range(@Nullable String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                return suffix <= 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(from);
            long end = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            return start >= size || end < start ? new long[0] : new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's {@code mimetypes}: a compressed file ({@code .gz}) is sent as bytes, not as its inner type. */
    private static String contentType(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".bz2") || lower.endsWith(".xz")) {
            return "application/octet-stream";
        }
        String type = URLConnection.guessContentTypeFromName(path);
        if (type == null) {
            return "application/octet-stream";
        }
        return type.startsWith("text/") ? type + "; charset=utf-8" : type;
    }

    private static void copy(Path file, long start, long length, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start);
            byte[] buffer = new byte[64 * 1024];
            long remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                remaining -= n;
            }
        }
    }

    private static long adler32(String text) {
        Adler32 adler = new Adler32();
        adler.update(text.getBytes(StandardCharsets.UTF_8));
        return adler.getValue();
    }
}
