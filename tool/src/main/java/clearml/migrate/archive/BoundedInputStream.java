package clearml.migrate.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes an entry inflates to and fails once they pass the bound: the zip-bomb guard. */
final class BoundedInputStream extends FilterInputStream {

    private final long maxBytes;
    private final String what;
    private long count;

    BoundedInputStream(InputStream in, long maxBytes, String what) {
        super(in);
        this.maxBytes = maxBytes;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) throws IOException {
        count += n;
        if (count > maxBytes) {
            throw new IOException("inflates to more than " + maxBytes + " bytes (" + what + ")");
        }
    }
}
