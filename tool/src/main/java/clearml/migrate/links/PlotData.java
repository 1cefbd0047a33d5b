package clearml.migrate.links;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * ClearML's compressed plot body (data model §2.5): {@code base64.encodebytes(zlib.compress(utf8, level=1))}, i.e.
 * MIME base64 with a {@code \n} every 76 characters and a trailing {@code \n}.
 *
 * <p>Stand-in until the {@code events} package's {@code PlotCodec} is merged (it owns this knowledge, architecture
 * "links depends on events for the plot codec"); replace the calls and delete this class then.
 */
final class PlotData {

    private static final byte[] NEWLINE = {'\n'};

    private PlotData() {
    }

    /** The plot JSON text held in a stored {@code plot_data} value. */
    static String decode(String plotData) {
        byte[] compressed = Base64.getMimeDecoder().decode(plotData);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            return new String(drain(inflater), StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("plot_data is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The {@code plot_data} value ClearML would store for {@code plotStr}. */
    static String encode(String plotStr) {
        Deflater deflater = new Deflater(1);
        try {
            deflater.setInput(plotStr.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            byte[] compressed = out.toByteArray();
            return compressed.length == 0 ? "" : Base64.getMimeEncoder(76, NEWLINE).encodeToString(compressed) + "\n";
        } finally {
            deflater.end();
        }
    }

    private static byte[] drain(Inflater inflater) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new DataFormatException("truncated");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
