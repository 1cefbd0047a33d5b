package clearml.migrate.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * ClearML's compressed plots (data model §2.5), {@code base64.encodebytes(zlib.compress(plot_str))}, written and
 * read here with the JDK alone, so that tests check the tool's own codec rather than reuse it.
 */
public final class PlotData {

    private PlotData() {
    }

    /** {@code plot_data} of a plot: zlib level 1, MIME base64 in 76-character lines with a trailing newline. */
    public static String deflate(String plotStr) {
        Deflater deflater = new Deflater(1);
        deflater.setInput(plotStr.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(out.toByteArray()) + "\n";
    }

    /** The plot JSON a {@code plot_data} holds. */
    public static String inflate(String plotData) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getMimeDecoder().decode(plotData));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("plot_data ends before its zlib stream does");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("plot_data is not zlib data", e);
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
