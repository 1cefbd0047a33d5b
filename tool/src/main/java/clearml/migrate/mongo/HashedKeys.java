package clearml.migrate.mongo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The map keys ClearML derives by hashing (data model §1.2): {@code last_metrics} and {@code metric_stats} are keyed
 * {@code md5(metric)} and {@code md5(variant)}, {@code execution.artifacts} {@code md5(key) + "_" + mode}.
 */
public final class HashedKeys {

    private HashedKeys() {
    }

    /** The lower-case hex md5 of the UTF-8 bytes of {@code text}, as Python's {@code hashlib.md5(...).hexdigest()}. */
    public static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /** The key of an artifact in {@code execution.artifacts}; a missing mode is mongoengine's default, output. */
    public static String artifact(Map<?, ?> artifact) {
        Object mode = artifact.get("mode");
        String modeText = mode == null || "".equals(mode) ? "output" : mode.toString();
        return md5Hex(String.valueOf(artifact.get("key"))) + "_" + modeText;
    }
}
