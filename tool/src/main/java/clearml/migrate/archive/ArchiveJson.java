package clearml.migrate.archive;

import clearml.migrate.python.PythonFormat;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson mapper for events and {@code metadata.json}, which ClearML writes with python-rapidjson
 * (data model §3.5): compact, non-ASCII escaped as upper-case {@code \u00E9}, {@code NaN}/{@code Infinity} as
 * bare tokens, floats as Python's {@code repr} (python-rapidjson writes them so), keys in the order they came.
 */
public final class ArchiveJson {

    // One plot string can be several megabytes (data model §2.5); Jackson's default cap is 20 M characters.
    private static final int MAX_STRING_LENGTH = 256 << 20;

    private ArchiveJson() {
    }

    /** Writes doubles as Python's {@code repr}, e.g. {@code 1e-05} where Jackson would write {@code 1.0E-5}. */
    private static final class PythonFloatGenerator extends JsonGeneratorDelegate {
        PythonFloatGenerator(JsonGenerator delegate) {
            super(delegate, true);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            writeRawValue(PythonFormat.jsonFloat(value));
        }

        @Override
        public void writeNumber(float value) throws IOException {
            writeRawValue(PythonFormat.jsonFloat(Double.parseDouble(Float.toString(value))));
        }
    }

    // Thread-safe once built; each mapper gets its own, as a mapper makes itself its factory's codec.
    private static final JsonFactory LINES = factory();

    private static JsonFactory factory() {
        return new JsonFactoryBuilder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
                .rootValueSeparator((String) null) // one generator may write line after line
                .addDecorator((f, generator) -> new PythonFloatGenerator(generator))
                .build();
    }

    /** A new mapper configured for archive events and metadata; mappers are thread-safe once built. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder(factory())
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * A generator that writes documents in this form one after the other into {@code out}, with nothing in between
     * (each {@code flush()} ends one): for streaming events into an archive line by line without building trees.
     */
    public static JsonGenerator lineGenerator(OutputStream out) {
        try {
            return LINES.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
