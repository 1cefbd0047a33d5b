package clearml.migrate.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Compresses one entry's bytes into a spill file while counting them and taking their CRC-32. The bytes
 * are cut into blocks of {@value #BLOCK_BYTES}. DEFLATE: the {@link Compressor} deflates them on other threads while
 * the writer goes on, and the compressed blocks are written in order; memory: at most {@value #WINDOW} blocks in
 * flight and one being filled. BZIP2: one stream on the writer's thread (its blocks are bit-aligned, so parallel
 * streams would have to be concatenated, and Python's {@code zipfile} stops at the end of the first).
 */
final class PartOutput extends OutputStream {

    static final int BLOCK_BYTES = 256 * 1024;
    private static final int WINDOW = 4;

    private final String name;
    private final SpillFiles spills;
    private final SpillFiles.Spill spill;
    private final long start;
    private final Compressor compressor;
    private final EntryCompression compression;
    private final @Nullable BZip2CompressorOutputStream bzip2;
    private final BufferedOutputStream toSpill = new BufferedOutputStream(new ToSpill(), 64 * 1024);
    private final CRC32 crc = new CRC32();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK_BYTES];
    private byte @Nullable [] dictionary;
    private int filled;
    private long bytes;
    private long compressed;
    private boolean closed;

    PartOutput(String name, SpillFiles spills, Compressor compressor, EntryCompression compression)
            throws IOException {
        this.name = name;
        this.spills = spills;
        this.spill = spills.borrow();
        this.start = spill.size();
        this.compressor = compressor;
        this.compression = compression;
        this.bzip2 = compression == EntryCompression.BZIP2 ? EntryCompression.bzip2(toSpill) : null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, block.length - filled);
            System.arraycopy(buffer, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == block.length) {
                send(false);
            }
        }
    }

    /** Finishes the compressed stream and describes the part; the output is closed afterwards. */
    PartFile finish(long documents) throws IOException {
        send(true);
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        closed = true;
        spills.giveBack(spill);
        return new PartFile(new EntrySummary(name, documents, bytes, compressed, crc.getValue()), spill, start,
                compression);
    }

    /** Drops what was written: the entry will be written again from the start. */
    void discard() throws IOException {
        close();
    }

    /** Drops what was written unless the part is finished, and lends the spill file to the next part. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inFlight.forEach(pending -> pending.result().cancel(false));
            inFlight.clear();
            spill.truncate(start);
            spills.giveBack(spill);
        }
    }

    /** Hands the filled block to the compressor (the last one ends the stream), writing what is done meanwhile. */
    private void send(boolean last) throws IOException {
        crc.update(block, 0, filled);
        bytes += filled;
        if (bzip2 != null) {
            bzip2.write(block, 0, filled);
            filled = 0;
            if (last) {
                bzip2.finish();
                toSpill.flush();
            }
            return;
        }
        inFlight.add(new InFlight(compressor.deflate(block, filled, dictionary, last), block));
        dictionary = last ? null : Compressor.dictionaryAfter(block, filled);
        block = spare.isEmpty() ? new byte[BLOCK_BYTES] : spare.pop();
        filled = 0;
        while (inFlight.size() > WINDOW || (!inFlight.isEmpty() && inFlight.peek().result().isDone())) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        InFlight oldest = inFlight.poll();
        Compressor.Compressed done = await(oldest.result());
        spill.append(done.bytes(), 0, done.length());
        compressed += done.length();
        spare.push(oldest.input());
    }

    private Compressor.Compressed await(Future<Compressor.Compressed> result) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing " + name);
        } catch (ExecutionException e) {
            throw new IOException("compressing " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Where the BZIP2 stream writes (byte by byte, so through a buffer): the spill, counted. */
    private final class ToSpill extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            spill.append(buffer, offset, length);
            compressed += length;
        }
    }

    /** A block being compressed, and its input, reusable once the result is written. */
    private record InFlight(Future<Compressor.Compressed> result, byte[] input) {
    }
}
