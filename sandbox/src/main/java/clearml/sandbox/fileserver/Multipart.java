package clearml.sandbox.fileserver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A streaming {@code multipart/form-data} reader: each part's headers are parsed and its content handed over as a
 * stream that ends at the next boundary, so an upload of any size passes through bounded memory.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]*)\"|[^;\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private Multipart() {
    }

    /** What receives each part; it may read the content stream partly or not at all. */
    @FunctionalInterface
    interface PartSink {
        void part(String fieldName, @Nullable String filename, InputStream content) throws IOException;
    }

    /** The boundary a {@code Content-Type} header names, or null when it names none. */
    static @Nullable String boundary(@Nullable String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
    }

    static void parse(InputStream body, String boundary, PartSink sink) throws IOException {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        PushbackInputStream in = new PushbackInputStream(new SequenceInputStream(
                new ByteArrayInputStream(new byte[] {'\r', '\n'}), new java.io.BufferedInputStream(body, 64 * 1024)),
                delimiter.length);
        new Delimited(in, delimiter).transferTo(java.io.OutputStream.nullOutputStream());
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first != '\r' || second != '\n') {
                return;
            }
            String headers = headers(in);
            Delimited content = new Delimited(in, delimiter);
            String name = parameter(headers, "name");
            if (name != null) {
                sink.part(name, parameter(headers, "filename"), content);
            }
            content.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0 || headers.size() > MAX_HEADER_BYTES) {
                throw new IOException("a multipart part's headers do not end");
            }
            headers.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.UTF_8);
    }

    /** A {@code Content-Disposition} parameter, quoted or not, with backslash escapes undone. */
    private static @Nullable String parameter(String headers, String name) {
        Matcher matcher = Pattern.compile("(?i)content-disposition:[^\\r\\n]*?;\\s*" + name
                + "=(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\r\\n]*)").matcher(headers);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2).replaceAll("\\\\(.)", "$1") : matcher.group(1).strip();
    }

    /** The content of one part: the bytes up to (not including) the next delimiter. */
    private static final class Delimited extends InputStream {

        private final PushbackInputStream in;
        private final byte[] delimiter;
        private boolean ended;

        Delimited(PushbackInputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                ended = true;
                return -1;
            }
            if (b != delimiter[0]) {
                return b;
            }
            byte[] rest = in.readNBytes(delimiter.length - 1);
            if (rest.length == delimiter.length - 1 && matches(rest)) {
                ended = true;
                return -1;
            }
            in.unread(rest);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = 0;
            while (count < length) {
                int b = read();
                if (b < 0) {
                    return count == 0 ? -1 : count;
                }
                buffer[offset + count++] = (byte) b;
            }
            return count;
        }

        private boolean matches(byte[] rest) {
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] != delimiter[i + 1]) {
                    return false;
                }
            }
            return true;
        }
    }

}
