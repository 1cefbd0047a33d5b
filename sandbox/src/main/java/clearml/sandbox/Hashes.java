package clearml.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The md5 hex digests ClearML uses for metric keys, artifact keys and event ids (data model §1.2, §2.4). */
public final class Hashes {

    private Hashes() {
    }

    /** {@code hashlib.md5(text.encode()).hexdigest()}. */
    public static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
