package clearml.migrate.archive;

import clearml.migrate.memory.MemoryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * How the entries of an archive are compressed (data model §3.2): DEFLATE, the default, which the writer spreads
 * over every core; or BZIP2, ClearML's own method 12, for the smallest file, one core per entry. Python's
 * {@code zipfile}, and so ClearML's importer, reads both, as does this tool's reader.
 */
public enum EntryCompression {
    DEFLATE(ZipMethod.DEFLATED),
    BZIP2(ZipMethod.BZIP2);

    /** Heap bytes a BZIP2 stream takes per 100 000 bytes of block: the block, its sort arrays and work space. */
    private static final long BZIP2_BYTES_PER_BLOCK_UNIT = 1_400_000;

    private final ZipMethod method;

    EntryCompression(ZipMethod method) {
        this.method = method;
    }

    int method() {
        return method.getCode();
    }

    /** The uncompressed bytes of an entry's compressed data. */
    InputStream decompressed(InputStream compressed) throws IOException {
        return this == BZIP2 ? new BZip2CompressorInputStream(compressed)
                : PartFile.inflating(compressed);
    }

    /**
     * A BZIP2 stream over {@code out}; its block is ClearML's (Python's level 9: 900 000 bytes) where 1/16 of the
     * heap holds one, smaller otherwise: the export's workers compress several entries at once.
     */
    static BZip2CompressorOutputStream bzip2(OutputStream out) throws IOException {
        long level = MemoryBudget.share(16, 0, Long.MAX_VALUE) / BZIP2_BYTES_PER_BLOCK_UNIT;
        return new BZip2CompressorOutputStream(out, (int) Math.max(BZip2CompressorOutputStream.MIN_BLOCKSIZE,
                Math.min(BZip2CompressorOutputStream.MAX_BLOCKSIZE, level)));
    }
}
