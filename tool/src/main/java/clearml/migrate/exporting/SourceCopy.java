package clearml.migrate.exporting;

import clearml.migrate.events.PlotCodec;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Copies one stored event token by token from the engine's answer into a generator, with no tree in between, and
 * notes the two things that decide whether the event needs more than a copy: its {@code type} and whether it
 * holds a compressed {@code plot_data}. The generator decides the output form (numbers as the archive writes them),
 * so the copy writes exactly what serializing the event's tree would.
 */
final class SourceCopy {

    private String type = "";
    private boolean plotData;
    private boolean typeNext;

    /** The top-level {@code type} of the event copied last, or {@code ""}. */
    String type() {
        return type;
    }

    /** Whether the event copied last holds a top-level {@code plot_data}. */
    boolean hasPlotData() {
        return plotData;
    }

    /** Copies the object the parser stands on (its {@code START_OBJECT}), up to its {@code END_OBJECT}. */
    void copy(JsonParser in, JsonGenerator out) throws IOException {
        type = "";
        plotData = false;
        int depth = 0;
        JsonToken token = in.currentToken();
        do {
            depth += copy(token, depth, in, out);
        } while (depth > 0 && (token = in.nextToken()) != null);
    }

    /** Copies one token; returns how the nesting depth changes. */
    private int copy(JsonToken token, int depth, JsonParser in, JsonGenerator out) throws IOException {
        switch (token) {
            case START_OBJECT -> out.writeStartObject();
            case END_OBJECT -> out.writeEndObject();
            case START_ARRAY -> out.writeStartArray();
            case END_ARRAY -> out.writeEndArray();
            case FIELD_NAME -> field(in.currentName(), depth, out);
            case VALUE_STRING -> string(in, depth, out);
            case VALUE_NUMBER_INT -> integer(in, out);
            case VALUE_NUMBER_FLOAT -> out.writeNumber(in.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> out.writeBoolean(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> out.writeNull();
            default -> throw new IOException("unexpected " + token + " in a stored event");
        }
        return token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
    }

    private void field(String name, int depth, JsonGenerator out) throws IOException {
        out.writeFieldName(name);
        typeNext = depth == 1 && name.equals("type");
        plotData |= depth == 1 && name.equals(PlotCodec.PLOT_DATA);
    }

    private void string(JsonParser in, int depth, JsonGenerator out) throws IOException {
        if (typeNext && depth == 1) {
            type = in.getText();
        }
        out.writeString(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
    }

    /** As the tree would hold it: an int, a long or a big integer. */
    private static void integer(JsonParser in, JsonGenerator out) throws IOException {
        switch (in.getNumberType()) {
            case INT -> out.writeNumber(in.getIntValue());
            case LONG -> out.writeNumber(in.getLongValue());
            default -> out.writeNumber(in.getBigIntegerValue());
        }
    }
}
