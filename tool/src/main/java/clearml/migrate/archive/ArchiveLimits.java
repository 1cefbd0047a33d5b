package clearml.migrate.archive;

/**
 * Bounds an archive reader keeps to, so that a hostile or broken archive (a zip bomb, one endless line) fails
 * with a message instead of exhausting disk or memory.
 *
 * @param maxEntryBytes most bytes one entry may inflate to
 * @param maxLineBytes  most bytes one line, and so one document, may hold; also the bound for the entries read
 *                      whole ({@code metadata.json}, {@code users.json})
 */
public record ArchiveLimits(long maxEntryBytes, int maxLineBytes) {

    public ArchiveLimits {
        if (maxEntryBytes <= 0 || maxLineBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 64 GiB per entry and 512 MiB per line: far above any real ClearML export, far below a zip bomb. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(64L << 30, 512 << 20);
    }
}
