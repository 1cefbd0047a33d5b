package clearml.sandbox.seed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * Compresses a plot the way the server stores it (data model §2.5): {@code plot_data =
 * base64.encodebytes(zlib.compress(plot_str.encode("utf-8"), level=1))}, i.e. MIME base64 with a {@code \n} after
 * every 76 characters and after the last line.
 */
final class PlotCompression {

    /** {@code services.events.plot_compression_threshold}, in characters (code points). */
    static final int THRESHOLD = 100_000;

    private PlotCompression() {
    }

    static String compress(String plotStr) {
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
}
