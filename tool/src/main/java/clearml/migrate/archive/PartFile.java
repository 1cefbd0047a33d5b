package clearml.migrate.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One finished entry waiting in a spill file as raw compressed data, with what the zip's local header needs.
 *
 * @param summary     its name, counts and CRC-32
 * @param spill       the file holding the raw compressed stream
 * @param offset      where in it the stream starts; its length is {@code summary.compressedBytes()}
 * @param compression how the stream is compressed
 */
record PartFile(EntrySummary summary, SpillFiles.Spill spill, long offset, EntryCompression compression) {

    /** The raw compressed bytes, for copying into the zip unchanged. */
    InputStream raw() {
        return spill.range(offset, summary.compressedBytes());
    }

    /** The uncompressed bytes, decompressed again to feed ClearML's md5 in its order (data model §3.8). */
    InputStream uncompressed() throws IOException {
        return compression.decompressed(raw());
    }

    /** A raw DEFLATE stream inflated. */
    static InputStream inflating(InputStream raw) {
        // A nowrap Inflater may need one trailing dummy byte (java.util.zip.Inflater Javadoc).
        InputStream padded = new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1]));
        return new InflaterInputStream(padded, new Inflater(true), 64 * 1024) {
            @Override
            public void close() throws IOException {
                super.close();
                inf.end();
            }
        };
    }
}
