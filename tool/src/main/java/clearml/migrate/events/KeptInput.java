package clearml.migrate.events;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An answer's body that keeps the bytes read through it from a mark on, so that a part the parser has passed
 * (a hit's {@code _source}) can be handed over as the engine sent it. Memory: the bytes since the mark, plus what
 * the parser has read ahead; the mark moves with each hit, so that is one event and a buffer. Not thread-safe.
 */
final class KeptInput extends FilterInputStream {

    private byte[] kept = new byte[32 * 1024];
    /** Stream offset of {@code kept[0]}. */
    private long keptFrom;
    private int size;
    /** Stream offset from which bytes must be kept; those before it may be dropped. */
    private long mark;

    KeptInput(InputStream body) {
        super(body);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            keep(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping is not supported: the bytes are kept");
    }

    /** Bytes before {@code streamOffset} are not needed any more. */
    void markAt(long streamOffset) {
        mark = Math.max(mark, streamOffset);
    }

    /** The kept bytes; {@code streamOffset} of a kept byte is at {@link #indexOf} in it. */
    byte[] array() {
        return kept;
    }

    /** Where the byte at {@code streamOffset} (at or after the mark, already read) is in {@link #array()}. */
    int indexOf(long streamOffset) {
        if (streamOffset < keptFrom || streamOffset > keptFrom + size) {
            throw new IllegalStateException("byte " + streamOffset + " is not kept");
        }
        return (int) (streamOffset - keptFrom);
    }

    /** Appends what was read, first dropping what is before the mark when the buffer is full. */
    private void keep(byte[] buffer, int offset, int length) {
        if (size + length > kept.length) {
            int drop = (int) Math.min(size, Math.max(0, mark - keptFrom));
            System.arraycopy(kept, drop, kept, 0, size - drop);
            size -= drop;
            keptFrom += drop;
            if (size + length > kept.length) {
                kept = Arrays.copyOf(kept, Math.max(kept.length * 2, size + length));
            }
        }
        System.arraycopy(buffer, offset, kept, size, length);
        size += length;
    }
}
