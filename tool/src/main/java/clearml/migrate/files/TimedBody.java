package clearml.migrate.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A response body read as a stream whose every read fails with {@link HttpTimeoutException} after waiting longer
 * than a timeout for the next bytes. The JDK's {@code BodyHandlers.ofInputStream()} stream waits forever on a server
 * that sends its headers and then stalls, since the request timeout ends with the headers. Memory stays bounded: the
 * next chunk of buffers is asked for only when the reader takes the previous one.
 */
final class TimedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** Put in the queue by {@link #onComplete()}; never a chunk the client delivers. */
    private static final Object END = new Object();

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final Duration timeout;
    private Iterator<ByteBuffer> chunk = Collections.emptyIterator();
    private @Nullable ByteBuffer current;
    private boolean ended;
    private volatile boolean closed;

    private TimedBody(Duration timeout) {
        this.timeout = timeout;
    }

    /** A body handler whose bodies time out after {@code timeout} without data. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration timeout) {
        return info -> new TimedBody(timeout);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        // Complete at once, so that the client hands the response over as soon as the headers are in.
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        if (!subscription.complete(given)) {
            given.cancel();
            return;
        }
        given.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        arrivals.add(buffers);
    }

    @Override
    public void onError(Throwable failure) {
        arrivals.add(failure);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        ByteBuffer buffer = length == 0 ? null : nonEmptyBuffer();
        if (buffer == null) {
            return length == 0 ? 0 : -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(target, offset, n);
        return n;
    }

    @Override
    public int available() {
        ByteBuffer buffer = current;
        return buffer == null ? 0 : buffer.remaining();
    }

    @Override
    public void close() {
        closed = true;
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    /** The buffer to read from next, or null at the end of the body. */
    private @Nullable ByteBuffer nonEmptyBuffer() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("closed");
            }
            if (chunk.hasNext()) {
                current = chunk.next();
            } else if (ended || !nextChunk()) {
                ended = true;
                return null;
            }
        }
        return current;
    }

    /** Waits for the next chunk of buffers; false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean nextChunk() throws IOException {
        Object arrival = await();
        if (arrival == END) {
            return false;
        }
        if (arrival instanceof Throwable failure) {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
        chunk = ((List<ByteBuffer>) arrival).iterator();
        subscription.join().request(1);
        return true;
    }

    private Object await() throws IOException {
        try {
            Object arrival = arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (arrival == null) {
                close();
                throw new HttpTimeoutException("timed out: no data for " + timeout.toMillis() + " ms");
            }
            return arrival;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
