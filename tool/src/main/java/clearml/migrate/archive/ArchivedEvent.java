package clearml.migrate.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One event as an archive holds it: the bytes of its line when the line is all ASCII (nearly every line of a
 * ClearML archive, which escapes the rest), so that a reader may take what it needs from them without a tree; and
 * its tree, parsed when first asked for. Valid until the iterator that handed it out moves on.
 */
public final class ArchivedEvent {

    private final byte @Nullable [] bytes;
    private final int offset;
    private final int length;
    private @Nullable ObjectNode tree;
    private final @Nullable Supplier<ObjectNode> parse;

    private ArchivedEvent(byte @Nullable [] bytes, int offset, int length, @Nullable ObjectNode tree,
            @Nullable Supplier<ObjectNode> parse) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.tree = tree;
        this.parse = parse;
    }

    /** An event known only as its tree, such as one read live from a server. */
    public static ArchivedEvent of(ObjectNode tree) {
        return new ArchivedEvent(null, 0, 0, tree, null);
    }

    /** The event of an all-ASCII line, {@code parse} making its tree (or failing as a bad line does). */
    public static ArchivedEvent ofAscii(byte[] bytes, int offset, int length, Supplier<ObjectNode> parse) {
        return new ArchivedEvent(bytes, offset, length, null, parse);
    }

    /** Whether the line's bytes are at hand: {@link #bytes()} from {@link #offset()}, {@link #length()} long. */
    public boolean ascii() {
        return bytes != null;
    }

    public byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("this event was not read from an ASCII line");
        }
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The event as a tree, which the caller may change. */
    public ObjectNode tree() {
        if (tree == null) {
            tree = parse.get();
        }
        return tree;
    }
}
