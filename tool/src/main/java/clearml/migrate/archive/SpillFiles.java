package clearml.migrate.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The append-only temp files that finished entries wait in, each lent to one entry at a time: an archive of
 * thousands of entries makes as many files as entries were written at once, not thousands (creating and deleting
 * one per entry was a tail of its own). Thread-safe; positional reads of finished ranges may run concurrently.
 */
final class SpillFiles implements Closeable {

    private final Path dir;
    private final Deque<Spill> idle = new ArrayDeque<>();
    private final List<Spill> all = new ArrayList<>();

    SpillFiles(Path dir) {
        this.dir = dir;
    }

    /** A file no other entry is writing to, positioned at its end. */
    synchronized Spill borrow() throws IOException {
        Spill spill = idle.poll();
        if (spill == null) {
            Path file = Files.createTempFile(dir, "parts-", ".deflate");
            spill = new Spill(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
            all.add(spill);
        }
        return spill;
    }

    synchronized void giveBack(Spill spill) {
        idle.push(spill);
    }

    @Override
    public synchronized void close() throws IOException {
        for (Spill spill : all) {
            spill.channel().close();
        }
        idle.clear();
    }

    /** One spill file and its channel. */
    record Spill(Path file, FileChannel channel) {

        long size() throws IOException {
            return channel.size();
        }

        void append(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            long position = channel.size();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }

        /** Drops everything from {@code size} on: an entry started there is written again. */
        void truncate(long size) throws IOException {
            channel.truncate(size);
        }

        /** The bytes {@code [offset, offset + length)}, read positionally. */
        InputStream range(long offset, long length) {
            return new InputStream() {
                private long position = offset;
                private final long end = offset + length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] bytes, int from, int count) throws IOException {
                    if (position >= end) {
                        return -1;
                    }
                    int n = channel.read(ByteBuffer.wrap(bytes, from, (int) Math.min(count, end - position)), position);
                    if (n < 0) {
                        throw new IOException(file + " ends before its range does");
                    }
                    position += n;
                    return n;
                }
            };
        }
    }
}
