package clearml.migrate.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The hits of one search or scroll answer, parsed one at a time as the body arrives, so that memory holds one
 * event rather than a page: as a tree ({@link #next()}), or as tokens handed to a {@link HitReader}
 * ({@link #nextHit}); one answer is read one way only. The fields around {@code hits.hits} ({@code _scroll_id}, {@code _shards},
 * {@code hits.total}) are read as they pass; both engines send them before the hits, and any that come after are
 * read once the hits are exhausted. I/O failures surface as {@link UncheckedIOException}. An answer opened with
 * {@link #keeping} also hands each hit's {@code _source} over as the bytes the engine sent ({@link #nextSource}).
 */
final class HitStream implements Iterator<JsonNode>, Closeable {

    private final JsonParser parser;
    private final @Nullable KeptInput kept;
    private @Nullable String scrollId;
    private JsonNode shards = MissingNode.getInstance();
    private boolean timedOut;
    private long total = -1;
    private @Nullable JsonNode next;
    private boolean inHits;
    private int count;

    HitStream(InputStream body) throws IOException {
        this(body, null);
    }

    private HitStream(InputStream body, @Nullable KeptInput kept) throws IOException {
        this.kept = kept;
        this.parser = ElasticJson.MAPPER.createParser(kept != null ? kept : body);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            close();
            throw new IOException("the answer is not a JSON object");
        }
        inHits = readUntilHits();
    }

    /** An answer whose hits' sources can be read as bytes ({@link #nextSource}). */
    static HitStream keeping(InputStream body) throws IOException {
        return new HitStream(body, new KeptInput(body));
    }

    String scrollId() {
        return scrollId;
    }

    JsonNode shards() {
        return shards;
    }

    boolean timedOut() {
        return timedOut;
    }

    long total() {
        return total;
    }

    /** How many hits were handed out so far. */
    int count() {
        return count;
    }

    @Override
    public boolean hasNext() {
        if (next == null && inHits) {
            next = readHit();
        }
        return next != null;
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more hits in this page");
        }
        JsonNode hit = next;
        next = null;
        count++;
        return hit;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // closing an answer we no longer need
        }
    }

    /**
     * Hands the next hit's index, id and {@code _source} to {@code reader}, skipping the hit's other fields.
     *
     * @return false when the page has no more hits
     */
    boolean nextHit(HitReader reader) {
        return hit(() -> {
            String index = "";
            String id = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && field.equals("_source")) {
                    reader.read(index, id, parser);
                } else if (value == JsonToken.VALUE_STRING && field.equals("_index")) {
                    index = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && field.equals("_id")) {
                    id = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        });
    }

    /**
     * Hands the next hit's {@code _source} to {@code reader} as the bytes the engine sent: the parser only finds
     * where the object ends, so an event that passes through unchanged is never decoded into text. Only for an
     * answer opened with {@link #keeping}.
     *
     * @return false when the page has no more hits
     */
    boolean nextSource(SourceReader reader) {
        KeptInput bytes = kept;
        if (bytes == null) {
            throw new IllegalStateException("this answer does not keep its bytes");
        }
        return hit(() -> {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean source = parser.currentName().equals("_source");
                if (parser.nextToken() == JsonToken.START_OBJECT && source) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    long end = parser.currentTokenLocation().getByteOffset() + 1;
                    reader.read(bytes.array(), bytes.indexOf(start), (int) (end - start));
                    bytes.markAt(end);
                } else {
                    parser.skipChildren(); // _index, _id, sort: not needed here, not decoded
                }
            }
        });
    }

    /** Reads one hit's fields with {@code fields}; false when the page has no more hits. */
    private boolean hit(HitFields fields) {
        if (!inHits) {
            return false;
        }
        try {
            if (!startHit()) {
                return false;
            }
            fields.read();
            count++;
            return true;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private @Nullable JsonNode readHit() {
        try {
            return startHit() ? parser.readValueAsTree() : null;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** Moves to the next hit object; at the END_ARRAY of {@code hits.hits} reads what follows and lets go. */
    private boolean startHit() throws IOException {
        if (parser.nextToken() == JsonToken.START_OBJECT) {
            return true;
        }
        inHits = false;
        readFields();
        readFields();
        close();
        return false;
    }

    /** Reads top-level fields up to the start of {@code hits.hits}; false when the answer has no hits array. */
    private boolean readUntilHits() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("hits") && parser.currentToken() == JsonToken.START_OBJECT && readHitsUntilArray()) {
                return true;
            }
            readTopLevel(field);
        }
        return false;
    }

    /** Inside {@code hits}: reads {@code total} and stops at the {@code hits} array. */
    private boolean readHitsUntilArray() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("hits") && value == JsonToken.START_ARRAY) {
                return true;
            }
            if (field.equals("total")) {
                JsonNode node = parser.readValueAsTree();
                total = node.isObject() ? node.path("value").asLong() : node.asLong();
            } else {
                parser.skipChildren();
            }
        }
        return false;
    }

    /** Reads the remaining fields of the current object, keeping the top-level ones we know. */
    private void readFields() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            readTopLevel(field);
        }
    }

    private void readTopLevel(String field) throws IOException {
        switch (field) {
            case "_scroll_id" -> scrollId = parser.getValueAsString();
            case "_shards" -> shards = parser.readValueAsTree();
            case "timed_out" -> timedOut = parser.getValueAsBoolean();
            default -> parser.skipChildren();
        }
    }

    /** Reads the fields of the hit the parser has entered, up to its {@code END_OBJECT}. */
    @FunctionalInterface
    private interface HitFields {
        void read() throws IOException;
    }
}
