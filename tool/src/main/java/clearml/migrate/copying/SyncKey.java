package clearml.migrate.copying;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Whose state a {@code sync} keeps: the source (its search engine's address or API host, never credentials), the
 * selection and the target company; {@link #id()} names it where the state is stored.
 */
public record SyncKey(String source, String selection, String company) {

    /** A short digest of the three: the same sync finds its state again, another one never does. */
    public String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((source + "\n" + selection + "\n" + company).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
