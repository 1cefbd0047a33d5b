package clearml.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A plot as the server stores it (data model §2.5): {@code plot_data =
 * base64.encodebytes(zlib.compress(plot_str.encode("utf-8"), level=1))}, i.e. MIME base64 with a {@code \n} after
 * every 76 characters and after the last line, and back.
 */
public final class PlotCodec {

    /** {@code services.events.plot_compression_threshold}, in characters (code points). */
    public static final int THRESHOLD = 100_000;

    private PlotCodec() {
    }

    /** The server's {@code plot_len}: Python's {@code len(plot_str)}, which counts code points. */
    public static int length(String plotStr) {
        return plotStr.codePointCount(0, plotStr.length());
    }

    public static String compress(String plotStr) {
        Deflater deflater = new Deflater(1);
        deflater.setInput(plotStr.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            zlib.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(zlib.toByteArray());
        return base64 + "\n";
    }

    /** {@code uncompress_plot}: {@code zlib.decompress(base64.b64decode(plot_data)).decode()}. */
    public static String decompress(String plotData) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getMimeDecoder().decode(plotData));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("plot_data ends before its zlib stream does");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("plot_data is not a zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
