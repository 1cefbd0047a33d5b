package clearml.migrate.events;

import java.io.IOException;

/**
 * Reads one stored event as the engine sent it: its {@code _source} object, {@code bytes[offset, offset + length)},
 * valid JSON as the engine's answer held it (whitespace and escapes as stored). The bytes are lent for the call only.
 */
@FunctionalInterface
public interface SourceReader {
    void read(byte[] bytes, int offset, int length) throws IOException;
}
