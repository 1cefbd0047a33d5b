package clearml.migrate.archive;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** An iterator over a resource, such as one zip entry, that must be closed when the caller is done. */
public interface CloseableIterator<T> extends Iterator<T>, Closeable {

    @Override
    void close();

    /**
     * How much of the resource the items handed out so far were read from: for an archive entry, the characters of
     * their lines (bytes, in ASCII-escaped entries such as ClearML's and ours). For progress; 0 when not known.
     */
    default long consumed() {
        return 0;
    }

    /** A sequential stream over the remaining items; closing the stream closes this iterator. */
    default Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }
}
