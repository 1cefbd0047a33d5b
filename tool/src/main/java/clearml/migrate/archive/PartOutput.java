package clearml.migrate.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Deflates one entry's bytes into a temp file while counting them and taking their CRC-32 and SHA-256. */
final class PartOutput extends OutputStream {

    private final String name;
    private final Path file;
    private final OutputStream fileOut;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final DeflaterOutputStream deflated;
    private final CRC32 crc = new CRC32();
    private final MessageDigest sha256;
    // Documents arrive a few hundred bytes at a time; deflating and digesting 64 KiB blocks is much cheaper.
    private final byte[] block = new byte[64 * 1024];
    private int filled;
    private long bytes;

    PartOutput(String name, Path file) throws IOException {
        this.name = name;
        this.file = file;
        this.fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        this.deflated = new DeflaterOutputStream(fileOut, deflater, 64 * 1024);
        this.sha256 = sha256();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        if (length > block.length - filled) {
            drain();
        }
        if (length >= block.length) {
            consume(buffer, offset, length);
        } else {
            System.arraycopy(buffer, offset, block, filled, length);
            filled += length;
        }
    }

    private void drain() throws IOException {
        consume(block, 0, filled);
        filled = 0;
    }

    private void consume(byte[] buffer, int offset, int length) throws IOException {
        deflated.write(buffer, offset, length);
        crc.update(buffer, offset, length);
        sha256.update(buffer, offset, length);
        bytes += length;
    }

    /** Finishes the compressed stream and describes the part; the output is closed afterwards. */
    PartFile finish(long documents) throws IOException {
        drain();
        deflated.finish();
        long compressed = deflater.getBytesWritten();
        close();
        String digest = HexFormat.of().formatHex(sha256.digest());
        return new PartFile(new EntrySummary(name, documents, bytes, compressed, digest), crc.getValue(), file);
    }

    /** Closes the output and deletes what was written: the entry will be written again from the start. */
    void discard() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        try {
            deflated.close();
        } finally {
            deflater.end();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
