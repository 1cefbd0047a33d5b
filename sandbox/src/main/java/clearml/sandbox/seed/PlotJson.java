package clearml.sandbox.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Plotly figures as the SDK reports them: a heatmap whose layout shows a file-server image (data model §2.3). */
final class PlotJson {

    private PlotJson() {
    }

    /** A {@code side × side} heatmap; 140 gives well over 100 000 characters, so the plot is stored compressed. */
    static String plot(ObjectMapper json, Ids ids, String title, String imageUrl, int side) {
        ObjectNode figure = json.createObjectNode();
        ArrayNode z = figure.putArray("data").addObject().put("type", "heatmap").putArray("z");
        for (int row = 0; row < side; row++) {
            ArrayNode cells = z.addArray();
            for (int col = 0; col < side; col++) {
                cells.add(Math.round(ids.nextDouble() * 1_000_000) / 1_000_000.0);
            }
        }
        ObjectNode layout = figure.putObject("layout");
        layout.put("title", title + " — é");
        layout.putArray("images").addObject().put("source", imageUrl).put("xref", "paper").put("yref", "paper");
        return figure.toString();
    }
}
