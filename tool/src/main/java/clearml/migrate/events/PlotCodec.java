package clearml.migrate.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * ClearML's plot compression (clearml-data-model.md §2.5): a plot whose {@code plot_str} has at least 100 000
 * characters is stored as {@code plot_data} = MIME base64 (76-character lines, trailing newline) of zlib level 1
 * of its UTF-8 bytes. Stored plots may carry either field; exported plots always carry {@code plot_str}.
 */
public final class PlotCodec {

    /** {@code services.events.plot_compression_threshold}'s default, in Python characters (code points). */
    public static final int COMPRESSION_THRESHOLD = 100_000;

    public static final String PLOT_STR = "plot_str";
    public static final String PLOT_DATA = "plot_data";
    public static final String PLOT_LEN = "plot_len";
    public static final String SOURCE_URLS = "source_urls";

    /** {@code EventBLL.img_source_regex}; Python's {@code re} on str is Unicode-aware and IGNORECASE. */
    private static final Pattern SOURCE_URL = Pattern.compile(
            "['\"]source['\"]:\\s?['\"]([a-z][a-z0-9+\\-.]*://.*?)['\"]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private static final byte[] NEWLINE = {'\n'};

    private PlotCodec() {
    }

    /** Python's {@code base64.encodebytes(zlib.compress(plot_str.encode(), level=1)).decode()}. */
    public static String compress(String plotStr) {
        Deflater deflater = new Deflater(1);
        try {
            deflater.setInput(plotStr.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream zlib = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                zlib.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getMimeEncoder(76, NEWLINE).encodeToString(zlib.toByteArray()) + "\n";
        } finally {
            deflater.end();
        }
    }

    /**
     * The plot string inside a stored {@code plot_data}.
     *
     * @throws IllegalArgumentException when the value is not base64 of a complete zlib stream
     */
    public static String decompress(String plotData) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(Base64.getMimeDecoder().decode(plotData));
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("plot_data ends before its zlib stream does");
                }
                plain.write(buffer, 0, n);
            }
            return plain.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("plot_data is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Python's {@code len(plot_str)}: code points, not UTF-16 units. */
    public static int plotLen(String plotStr) {
        return plotStr.codePointCount(0, plotStr.length());
    }

    /** Whether ClearML stores a plot of this length compressed. */
    public static boolean isCompressedWhenStored(String plotStr) {
        return plotLen(plotStr) >= COMPRESSION_THRESHOLD;
    }

    /** The distinct image source URLs of a plot, in order of first appearance (ClearML keeps a set). */
    public static List<String> sourceUrls(String plotStr) {
        if (!plotStr.contains("://")) {
            return List.of(); // the pattern's only literal: a fast test spares the case-folding scan of a whole plot
        }
        Set<String> urls = new LinkedHashSet<>();
        Matcher matcher = SOURCE_URL.matcher(plotStr);
        while (matcher.find()) {
            urls.add(matcher.group(1));
        }
        return List.copyOf(urls);
    }

    /**
     * Turns a stored plot event into its exported form, in place: {@code plot_data} is decompressed into
     * {@code plot_str} and removed, as ClearML's {@code uncompress_plot} does. Events without {@code plot_data}
     * are left as they are.
     *
     * @return the same event
     */
    public static ObjectNode toExported(ObjectNode event) {
        JsonNode data = event.get(PLOT_DATA);
        if (data != null && data.isTextual()) {
            String plotStr = decompress(data.textValue());
            event.remove(PLOT_DATA);
            event.put(PLOT_STR, plotStr);
        }
        return event;
    }

    /**
     * Turns an archived plot event into the form ClearML's {@code validate_and_compress_plots} stores, in place:
     * {@code plot_len} is re-measured, {@code source_urls} recomputed when the plot names any, and a plot of at
     * least {@link #COMPRESSION_THRESHOLD} characters moves into a compressed {@code plot_data}.
     *
     * @return the same event
     */
    public static ObjectNode toStored(ObjectNode event) {
        return toStored(event, true);
    }

    /**
     * {@link #toStored(ObjectNode)}, leaving {@code source_urls} as they are unless {@code findSourceUrls}: for a
     * caller that keeps the ones an archive holds, searching the whole plot for them would be spent for nothing.
     */
    public static ObjectNode toStored(ObjectNode event, boolean findSourceUrls) {
        toExported(event); // an archive written by another tool may carry plot_data: measure the real plot
        JsonNode str = event.get(PLOT_STR);
        String plotStr = str != null && str.isTextual() ? str.textValue() : "";
        int length = plotLen(plotStr);
        event.put(PLOT_LEN, length);
        if (length == 0) {
            return event;
        }
        List<String> urls = findSourceUrls ? sourceUrls(plotStr) : List.of();
        if (!urls.isEmpty()) {
            ArrayNode array = event.putArray(SOURCE_URLS);
            urls.forEach(array::add);
        }
        if (length >= COMPRESSION_THRESHOLD) {
            event.put(PLOT_DATA, compress(plotStr));
            event.remove(PLOT_STR);
        }
        return event;
    }
}
