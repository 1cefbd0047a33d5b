package clearml.migrate.archive;

/**
 * What one written entry holds, for the caller's own metadata and report.
 *
 * @param name            the zip entry name
 * @param documents       the number of documents (lines) in it
 * @param bytes           its uncompressed size
 * @param compressedBytes its size inside the zip
 * @param crc32           CRC-32 of the uncompressed bytes, as the zip's headers hold it
 */
public record EntrySummary(String name, long documents, long bytes, long compressedBytes, long crc32) {
}
