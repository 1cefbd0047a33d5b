package clearml.migrate.links;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue of places a URL lives (data model §7.4), each with the stable name reports use.
 *
 * <p>The engine rewrites by default every place whose value is a link the server or the web app follows: the
 * issue's list (model {@code uri}, artifact {@code uri}s, report, report assets, project description, debug-image
 * {@code url}, plot {@code plot_str}/{@code plot_data}/{@code source_urls}) plus the three storage and image URLs
 * {@code task.output.destination}, {@code project.default_output_destination} and {@code project.logo_url}: they
 * are whole URLs, so a literal prefix match on them cannot hit anything but a link. The artifact preview is
 * catalogued but off by default: it is a snapshot of the artifact's content (the first rows of a table), user
 * data rather than a link, and rewriting it would make the preview disagree with the stored file. Free-text
 * fields such as comments, hyperparameters and log messages are not places: the tool leaves them alone.
 */
public enum LinkPlace {
    MODEL_URI("model.uri", Holder.MODEL, Form.URL, true),
    TASK_ARTIFACT_URI("task.execution.artifacts.*.uri", Holder.TASK, Form.URL, true),
    TASK_ARTIFACT_PREVIEW("task.execution.artifacts.*.type_data.preview", Holder.TASK, Form.TEXT, false),
    TASK_OUTPUT_DESTINATION("task.output.destination", Holder.TASK, Form.URL, true),
    TASK_REPORT("task.report", Holder.TASK, Form.TEXT, true),
    TASK_REPORT_ASSETS("task.report_assets[]", Holder.TASK, Form.URL, true),
    PROJECT_DESCRIPTION("project.description", Holder.PROJECT, Form.TEXT, true),
    PROJECT_DEFAULT_OUTPUT_DESTINATION("project.default_output_destination", Holder.PROJECT, Form.URL, true),
    PROJECT_LOGO_URL("project.logo_url", Holder.PROJECT, Form.URL, true),
    DEBUG_IMAGE_URL("event.training_debug_image.url", Holder.EVENT, Form.URL, true),
    PLOT_STR("event.plot.plot_str", Holder.EVENT, Form.TEXT, true),
    PLOT_DATA("event.plot.plot_data", Holder.EVENT, Form.COMPRESSED_TEXT, true),
    PLOT_SOURCE_URLS("event.plot.source_urls[]", Holder.EVENT, Form.URL, true);

    /** What holds the place: an entity document, or an event (task and model events alike, data model §2.6). */
    public enum Holder { PROJECT, TASK, MODEL, EVENT }

    /**
     * How the value is rewritten: a whole URL is matched at its start; text has every URL token in it translated;
     * compressed text is decompressed first and compressed again (data model §2.5).
     */
    public enum Form { URL, TEXT, COMPRESSED_TEXT }

    private final String reportName;
    private final Holder holder;
    private final Form form;
    private final boolean byDefault;

    LinkPlace(String reportName, Holder holder, Form form, boolean byDefault) {
        this.reportName = reportName;
        this.holder = holder;
        this.form = form;
        this.byDefault = byDefault;
    }

    /** The stable name used in reports and {@code --json}, e.g. {@code task.report_assets[]}. */
    public String reportName() {
        return reportName;
    }

    public Holder holder() {
        return holder;
    }

    public Form form() {
        return form;
    }

    /** Whether the engine rewrites this place unless told otherwise. */
    public boolean rewrittenByDefault() {
        return byDefault;
    }

    /** The places rewritten by default. */
    public static Set<LinkPlace> defaults() {
        return Arrays.stream(values()).filter(LinkPlace::rewrittenByDefault)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The default places whose URLs each name one file, as the {@code .artifacts} companion collects them: an
     * output destination names the folder uploads go to, often the file server's bare root, never a file.
     */
    public static Set<LinkPlace> fileReferences() {
        return defaults().stream()
                .filter(place -> place != TASK_OUTPUT_DESTINATION && place != PROJECT_DEFAULT_OUTPUT_DESTINATION)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return reportName;
    }
}
