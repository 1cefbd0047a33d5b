package clearml.migrate.archive;

import java.io.Closeable;
import java.util.Iterator;
import java.util.function.Function;
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

    /** The remaining items turned by {@code function}, with this iterator's {@link #consumed()}; closes this one. */
    default <R> CloseableIterator<R> map(Function<? super T, ? extends R> function) {
        CloseableIterator<T> items = this;
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public R next() {
                return function.apply(items.next());
            }

            @Override
            public long consumed() {
                return items.consumed();
            }

            @Override
            public void close() {
                items.close();
            }
        };
    }

    /** A sequential stream over the remaining items; closing the stream closes this iterator. */
    default Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }
}
