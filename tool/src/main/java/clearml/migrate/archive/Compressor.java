package clearml.migrate.archive;

import java.io.Closeable;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * Deflates blocks of archive entries on every core, pigz-style: a block is compressed on its own, primed with
 * the last 32 KiB of the block before it as preset dictionary, and ends with a sync flush (the last one with the
 * final block), so the blocks of an entry written one after the other are one raw DEFLATE stream, as good as one
 * deflater would have made it give or take a few bytes per block. One per {@link ArchiveWriter}; thread-safe.
 */
final class Compressor implements Closeable {

    /** zlib's level: 1, its fastest, keeps the archive within 2x ClearML's bzip2 (measured by bench/scale.sh). */
    static final int LEVEL = 1;
    /** DEFLATE's window: a block may refer this far back into the block before it. */
    static final int DICTIONARY_BYTES = 32 * 1024;

    private final ExecutorService pool;
    private final BlockingQueue<Deflater> idle;

    Compressor(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "archive-deflate");
            thread.setDaemon(true);
            return thread;
        });
        this.idle = new ArrayBlockingQueue<>(threads);
    }

    /** A block compressed: {@code bytes[0, length)}. */
    record Compressed(byte[] bytes, int length) {
    }

    /**
     * Compresses {@code data[0, length)} on the pool; the caller must not change {@code data} or
     * {@code dictionary} until the result is taken.
     */
    Future<Compressed> deflate(byte[] data, int length, byte @Nullable [] dictionary, boolean last) {
        return pool.submit(() -> compress(data, length, dictionary, last));
    }

    /** The last {@link #DICTIONARY_BYTES} of {@code data[0, length)}, copied. */
    static byte[] dictionaryAfter(byte[] data, int length) {
        return Arrays.copyOfRange(data, Math.max(0, length - DICTIONARY_BYTES), length);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        Deflater deflater;
        while ((deflater = idle.poll()) != null) {
            deflater.end();
        }
    }

    private Compressed compress(byte[] data, int length, byte @Nullable [] dictionary, boolean last) {
        Deflater deflater = idle.poll();
        if (deflater == null) {
            deflater = new Deflater(LEVEL, true);
        }
        try {
            if (dictionary != null && dictionary.length > 0) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(data, 0, length);
            if (last) {
                deflater.finish();
            }
            return drain(deflater, new byte[length + (length >> 3) + 64], last);
        } finally {
            deflater.reset();
            if (!idle.offer(deflater)) {
                deflater.end();
            }
        }
    }

    /** Takes all the deflater's output: up to a sync flush, or to the end of the stream for the last block. */
    private static Compressed drain(Deflater deflater, byte[] out, boolean last) {
        int length = 0;
        while (true) {
            int space = out.length - length;
            int written = last ? deflater.deflate(out, length, space)
                    : deflater.deflate(out, length, space, Deflater.SYNC_FLUSH);
            length += written;
            if (last ? deflater.finished() : written < space) {
                return new Compressed(out, length);
            }
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
        }
    }
}
