package clearml.migrate.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The body of an upload to ClearML's file server: one multipart/form-data part whose field name, and file name,
 * is the target relative path (data model §6.3; the SDK posts {@code fields={<path>: (<path>, stream, mime)}}).
 * The content is streamed from its source as the request is sent, never held in memory; with a known size the
 * request carries a Content-Length, otherwise it is chunked.
 */
final class MultipartUpload {

    private final String boundary = "clearml-migrate-" + UUID.randomUUID();
    private final byte[] head;
    private final byte[] tail;

    MultipartUpload(String path) {
        String name = quoted(path);
        this.head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=" + name + "; filename=" + name + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A publisher that opens the content afresh each time the request is sent (so a retry resends it whole). */
    HttpRequest.BodyPublisher publisher(FileContent content, long size) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> body(content));
        return size < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, head.length + size + tail.length);
    }

    private InputStream body(FileContent content) {
        try {
            List<InputStream> parts = List.of(new ByteArrayInputStream(head), content.open(),
                    new ByteArrayInputStream(tail));
            return new SequenceInputStream(Collections.enumeration(parts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Werkzeug, which parses the file server's uploads, decodes part headers as UTF-8 (so non-ASCII paths go raw)
    // and undoes backslash escapes in a quoted value; no line break can occur, paths hold no control characters.
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
