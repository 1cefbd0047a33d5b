package clearml.migrate.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The Extended JSON wrappers ClearML archives may hold: {@code $date}, {@code $oid}, {@code $numberLong}. */
final class ExtendedTypes {

    private static final DateTimeFormatter OFFSET_WITHOUT_COLON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]xx");

    private ExtendedTypes() {
    }

    /** The BSON value a one-key wrapper object stands for, or the object itself when it is no wrapper. */
    static Object decode(Document object) {
        if (object.size() != 1) {
            return object;
        }
        String key = object.keySet().iterator().next();
        Object value = object.get(key);
        return switch (key) {
            case "$date" -> date(value);
            case "$oid" -> new ObjectId(text(key, value));
            case "$numberLong" -> numberLong(value);
            default -> object;
        };
    }

    // All three forms pymongo accepts (data model §3.5): int ms, ISO text, {"$numberLong": "…"}.
    private static Date date(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return new Date(((Number) value).longValue());
        }
        if (value instanceof String iso) {
            return Date.from(parseIso(iso));
        }
        throw new IllegalArgumentException("unsupported $date value: " + value);
    }

    private static long numberLong(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        try {
            return Long.parseLong(text("$numberLong", value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("$numberLong is not a 64-bit integer: " + value, e);
        }
    }

    private static Instant parseIso(String iso) {
        try {
            return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return parseIsoWithoutColonOrOffset(iso);
        }
    }

    // pymongo also accepts "+0000" offsets, and reads a missing offset as UTC.
    private static Instant parseIsoWithoutColonOrOffset(String iso) {
        try {
            return OffsetDateTime.parse(iso, OFFSET_WITHOUT_COLON).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("unreadable $date text: " + iso, again);
            }
        }
    }

    private static String text(String key, Object value) {
        if (value instanceof String string) {
            return string;
        }
        throw new IllegalArgumentException(key + " must be text: " + value);
    }
}
