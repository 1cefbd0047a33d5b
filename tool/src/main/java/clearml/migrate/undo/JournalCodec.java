package clearml.migrate.undo;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.undo.JournalRecord.Committed;
import clearml.migrate.undo.JournalRecord.Created;
import clearml.migrate.undo.JournalRecord.CreatedEvent;
import clearml.migrate.undo.JournalRecord.CreatedTaskEvents;
import clearml.migrate.undo.JournalRecord.DeletedEvent;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.JournalRecord.FilePlaced;
import clearml.migrate.undo.JournalRecord.Header;
import clearml.migrate.undo.JournalRecord.Prior;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

/**
 * One {@link JournalRecord} as one line of JSON. MongoDB documents and values are kept in MongoDB's canonical
 * Extended JSON, which keeps every BSON type (int/long/double, dates, binaries, NaN), so a restored document is
 * byte-equal to the one saved; ClearML's legacy Extended JSON of the archives knows fewer types. Events are kept as
 * {@link ArchiveJson} writes them.
 */
final class JournalCodec {

    /** Bumped when a record changes shape; a reader refuses journals of a newer format. */
    static final int FORMAT = 1;

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final ObjectMapper mapper = ArchiveJson.mapper();

    String write(JournalRecord record) {
        return text(toJson(record));
    }

    // Java 17 has no pattern switch; the sealed interface keeps this list complete.
    private ObjectNode toJson(JournalRecord record) {
        if (record instanceof Header h) {
            return line("header").put("format", FORMAT).put("command", h.command()).put("started", h.started().toString())
                    .set("settings", mapper.valueToTree(new TreeMap<>(h.settings())));
        } else if (record instanceof Created c) {
            return mongoKey(line("created"), c.database(), c.collection(), c.id()).put("hash", c.writtenHash());
        } else if (record instanceof Prior p) {
            return line("prior").put("db", p.database()).put("coll", p.collection()).put("hash", p.writtenHash())
                    .set("doc", bson(p.document()));
        } else if (record instanceof DeletedEvent d) {
            return line("deletedEvent").put("index", d.index()).put("id", d.id()).set("source", d.source());
        } else if (record instanceof CreatedEvent c) {
            return line("createdEvent").put("index", c.index()).put("id", c.id());
        } else if (record instanceof CreatedTaskEvents c) {
            ObjectNode line = line("createdTaskEvents").put("company", c.company());
            c.taskIds().forEach(line.putArray("tasks")::add);
            return line;
        } else if (record instanceof FieldChange f) {
            return mongoKey(line("fieldChange"), f.database(), f.collection(), f.id()).put("path", f.path())
                    .<ObjectNode>set("old", value(f.oldValue())).set("new", value(f.newValue()));
        } else if (record instanceof EventFieldChange e) {
            return line("eventFieldChange").put("index", e.index()).put("id", e.id()).put("field", e.field())
                    .<ObjectNode>set("old", e.oldValue()).set("new", e.newValue());
        } else if (record instanceof FilePlaced f) {
            return line("filePlaced").put("store", f.store()).put("path", f.path()).put("priorCopy", f.priorCopy());
        }
        return line("committed").put("finished", ((Committed) record).finished().toString());
    }

    private ObjectNode line(String kind) {
        return mapper.createObjectNode().put("r", kind);
    }

    JournalRecord read(String text) {
        JsonNode line = parse(text);
        return switch (line.path("r").asText()) {
            case "header" -> header(line);
            case "created" -> new Created(db(line), coll(line), value(line.get("id")), line.path("hash").asText());
            case "prior" -> new Prior(db(line), coll(line), document(line.get("doc")), line.path("hash").asText());
            case "deletedEvent" -> new DeletedEvent(index(line), id(line), (ObjectNode) line.get("source"));
            case "createdEvent" -> new CreatedEvent(index(line), id(line));
            case "createdTaskEvents" -> new CreatedTaskEvents(line.path("company").asText(), texts(line.path("tasks")));
            case "fieldChange" -> new FieldChange(db(line), coll(line), value(line.get("id")), line.path("path").asText(),
                    value(line.get("old")), value(line.get("new")));
            case "eventFieldChange" -> new EventFieldChange(index(line), id(line), line.path("field").asText(),
                    line.path("old"), line.path("new"));
            case "filePlaced" -> new FilePlaced(line.path("store").asText(), line.path("path").asText(),
                    line.path("priorCopy").isTextual() ? line.path("priorCopy").asText() : null);
            case "committed" -> new Committed(Instant.parse(line.path("finished").asText()));
            default -> throw new IllegalArgumentException("unknown record '" + line.path("r").asText() + "'");
        };
    }

    private Header header(JsonNode line) {
        if (line.path("format").asInt() > FORMAT) {
            throw new IllegalArgumentException("journal format " + line.path("format").asInt()
                    + " is newer than this tool's " + FORMAT);
        }
        Map<String, String> settings = new TreeMap<>();
        line.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new Header(line.path("command").asText(), settings, Instant.parse(line.path("started").asText()));
    }

    private ObjectNode mongoKey(ObjectNode line, String database, String collection, Object id) {
        line.put("db", database).put("coll", collection).set("id", value(id));
        return line;
    }

    /** A single BSON value, wrapped as {@code {"v": value}} because Extended JSON writes documents only. */
    private JsonNode value(@Nullable Object value) {
        return bson(new Document("v", value));
    }

    private static @Nullable Object value(JsonNode wrapped) {
        return document(wrapped).get("v");
    }

    private JsonNode bson(Document document) {
        return parse(document.toJson(CANONICAL));
    }

    private static Document document(JsonNode node) {
        return Document.parse(node.toString());
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A journal record could not be written as JSON", e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }

    private static String db(JsonNode line) {
        return line.path("db").asText();
    }

    private static String coll(JsonNode line) {
        return line.path("coll").asText();
    }

    private static String index(JsonNode line) {
        return line.path("index").asText();
    }

    private static String id(JsonNode line) {
        return line.path("id").asText();
    }
}
