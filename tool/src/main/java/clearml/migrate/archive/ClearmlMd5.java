package clearml.migrate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ClearML's archive md5 (data model §3.8): the metadata text, then per class (Model, Project, Task) the task
 * events entries and then the entity file, all uncompressed; {@code users.json} is left out.
 */
final class ClearmlMd5 {

    private ClearmlMd5() {
    }

    /** The hash over entries that are already in ClearML's write order. */
    static String of(byte @Nullable [] metadata, List<PartFile> orderedParts) {
        MessageDigest md5 = md5();
        if (metadata != null) {
            md5.update(metadata);
        }
        for (PartFile part : orderedParts) {
            if (!part.summary().name().equals(EntityKind.USERS_ENTRY)) {
                feed(md5, part);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The {@code .map} file's {@code metadata_hash}: md5 of the metadata text, or {@code ""} (§3.9). */
    static String metadataHash(byte @Nullable [] metadata) {
        return metadata == null ? "" : HexFormat.of().formatHex(md5().digest(metadata));
    }

    private static void feed(MessageDigest md5, PartFile part) {
        try (InputStream in = new DigestInputStream(part.inflated(), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("re-reading " + part.summary().name(), e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
