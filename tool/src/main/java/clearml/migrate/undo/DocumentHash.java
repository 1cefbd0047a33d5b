package clearml.migrate.undo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The SHA-256 of a document's BSON bytes with {@code _id} first, as MongoDB stores it: the same for the document a
 * command writes and for the one read back, so undo can tell whether anyone changed it since.
 */
public final class DocumentHash {

    /** What {@link #of} would be for no document at all. */
    public static final String ABSENT = "absent";

    private static final DocumentCodec CODEC = new DocumentCodec();

    private DocumentHash() {
    }

    public static String of(Document document) {
        try (BasicOutputBuffer buffer = new BasicOutputBuffer(); BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            // a collectible document is written with _id first, as MongoDB stores it
            CODEC.encode(writer, document, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
            MessageDigest digest = sha256();
            digest.update(ByteBuffer.wrap(buffer.getInternalBuffer(), 0, buffer.getPosition()));
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
