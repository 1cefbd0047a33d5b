package clearml.migrate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * ClearML's archive md5 (data model §3.8): the metadata text, then per class (Model, Project, Task) the task
 * events entries and then the entity file, all uncompressed; {@code users.json} is left out.
 */
final class ClearmlMd5 {

    private ClearmlMd5() {
    }

    /**
     * The hash over entries that are already in ClearML's write order. It needs every entry inflated again, after
     * all are written (the metadata, which comes first, counts them): one thread inflates while this one hashes, a
     * few blocks apart.
     */
    static String of(byte @Nullable [] metadata, List<PartFile> orderedParts) {
        MessageDigest md5 = md5();
        if (metadata != null) {
            md5.update(metadata);
        }
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(16);
        ExecutorService inflater = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "archive-md5");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> inflating = inflater.submit(() -> inflate(orderedParts, chunks));
            for (Chunk chunk = chunks.take(); chunk.length() >= 0; chunk = chunks.take()) {
                md5.update(chunk.bytes(), 0, chunk.length());
            }
            inflating.get(); // rethrows what ended the inflating early
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the archive", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            inflater.shutdownNow();
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Inflated bytes on their way to the hash; a negative length ends them. */
    private record Chunk(byte[] bytes, int length) {
        static final Chunk END = new Chunk(new byte[0], -1);
    }

    private static Void inflate(List<PartFile> parts, BlockingQueue<Chunk> chunks) throws InterruptedException {
        try {
            for (PartFile part : parts) {
                if (!part.summary().name().equals(EntityKind.USERS_ENTRY)) {
                    inflate(part, chunks);
                }
            }
        } finally {
            chunks.put(Chunk.END);
        }
        return null;
    }

    private static void inflate(PartFile part, BlockingQueue<Chunk> chunks) throws InterruptedException {
        try (InputStream in = part.uncompressed()) {
            while (true) {
                byte[] block = new byte[256 * 1024];
                int length = in.readNBytes(block, 0, block.length);
                if (length == 0) {
                    return;
                }
                chunks.put(new Chunk(block, length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("re-reading " + part.summary().name(), e);
        }
    }

    /** The {@code .map} file's {@code metadata_hash}: md5 of the metadata text, or {@code ""} (§3.9). */
    static String metadataHash(byte @Nullable [] metadata) {
        return metadata == null ? "" : HexFormat.of().formatHex(md5().digest(metadata));
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
