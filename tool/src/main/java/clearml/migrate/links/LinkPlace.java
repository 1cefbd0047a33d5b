package clearml.migrate.links;

import clearml.migrate.events.EventType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The table of places a URL lives (data model §7.4): each place's holder, its path in the holder and its form.
 * {@link LinkScanner} (read), {@link LinkRewriter} (write) and relink's projection are each one loop over it, so a
 * place added here is found, rewritten, projected and reported everywhere at once.
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
    MODEL_URI(Holder.MODEL, "uri", Form.URL, true),
    TASK_ARTIFACT_URI(Holder.TASK, "execution.artifacts.*.uri", Form.URL, true),
    TASK_ARTIFACT_PREVIEW(Holder.TASK, "execution.artifacts.*.type_data.preview", Form.MARKDOWN, false),
    TASK_OUTPUT_DESTINATION(Holder.TASK, "output.destination", Form.URL, true),
    TASK_REPORT(Holder.TASK, "report", Form.MARKDOWN, true),
    TASK_REPORT_ASSETS(Holder.TASK, "report_assets", Form.URL_LIST, true),
    PROJECT_DESCRIPTION(Holder.PROJECT, "description", Form.MARKDOWN, true),
    PROJECT_DEFAULT_OUTPUT_DESTINATION(Holder.PROJECT, "default_output_destination", Form.URL, true),
    PROJECT_LOGO_URL(Holder.PROJECT, "logo_url", Form.URL, true),
    DEBUG_IMAGE_URL(Holder.DEBUG_IMAGE_EVENT, "url", Form.URL, true),
    PLOT_STR(Holder.PLOT_EVENT, "plot_str", Form.PLOT_JSON, true),
    PLOT_DATA(Holder.PLOT_EVENT, "plot_data", Form.COMPRESSED_PLOT, true),
    PLOT_SOURCE_URLS(Holder.PLOT_EVENT, "source_urls", Form.URL_LIST, true);

    /**
     * What holds a place: an entity document ({@code task__trash} documents are tasks), or an event of one type
     * (task and model events alike, data model §2.6). Other event types hold no place.
     */
    public enum Holder {
        PROJECT("project", null),
        TASK("task", null),
        MODEL("model", null),
        DEBUG_IMAGE_EVENT("event.training_debug_image", EventType.TRAINING_DEBUG_IMAGE),
        PLOT_EVENT("event.plot", EventType.PLOT);

        private final String reportPrefix;
        private final @Nullable EventType eventType;

        Holder(String reportPrefix, @Nullable EventType eventType) {
            this.reportPrefix = reportPrefix;
            this.eventType = eventType;
        }

        /** The type of the events holding these places, or null for an entity document. */
        public @Nullable EventType eventType() {
            return eventType;
        }

        /** Whether events (Jackson nodes) rather than entity documents hold this holder's places. */
        public boolean isEvent() {
            return eventType != null;
        }

        /** The holder of the places of events of this {@code type} value, if they hold any. */
        public static Optional<Holder> ofEventType(String type) {
            return Arrays.stream(values()).filter(h -> h.eventType != null && h.eventType.value().equals(type))
                    .findFirst();
        }

        /** The event types whose events hold places: the indices relink scans. */
        public static Set<EventType> eventTypes() {
            return Arrays.stream(values()).map(h -> h.eventType).filter(type -> type != null)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    /**
     * How a value is read and rewritten: a whole URL is matched at its start; markdown (free text) has every URL
     * token in it translated; plot JSON is read for its image {@code source}s and rewritten like markdown, its
     * {@code plot_len} kept equal; a compressed plot is decompressed first and compressed again (data model §2.5);
     * a list holds whole URLs.
     */
    public enum Form { URL, MARKDOWN, PLOT_JSON, COMPRESSED_PLOT, URL_LIST }

    private final Holder holder;
    private final List<String> path;
    private final Form form;
    private final boolean byDefault;

    LinkPlace(Holder holder, String path, Form form, boolean byDefault) {
        this.holder = holder;
        this.path = List.of(path.split("\\."));
        this.form = form;
        this.byDefault = byDefault;
    }

    /** The stable name used in reports and {@code --json}, e.g. {@code task.report_assets[]}. */
    public String reportName() {
        return holder.reportPrefix + "." + String.join(".", path) + (form == Form.URL_LIST ? "[]" : "");
    }

    public Holder holder() {
        return holder;
    }

    /** The field names from the holder down to the value; {@code *} stands for every value of a map or a list. */
    public List<String> path() {
        return path;
    }

    /**
     * The dotted path of the place's top-level container a MongoDB projection names: the path up to its first
     * {@code *} (a task's artifacts are keyed by hashes, data model §1.2).
     */
    public String projection() {
        int wildcard = path.indexOf("*");
        return String.join(".", wildcard < 0 ? path : path.subList(0, wildcard));
    }

    /** Whether a MongoDB query can name the field the value is in (no {@code *} on the way). */
    public boolean searchable() {
        return !path.contains("*");
    }

    public Form form() {
        return form;
    }

    /** Whether the engine rewrites this place unless told otherwise. */
    public boolean rewrittenByDefault() {
        return byDefault;
    }

    /** Every place of one holder, in catalogue order. */
    public static List<LinkPlace> of(Holder holder) {
        return Arrays.stream(values()).filter(place -> place.holder == holder).toList();
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
        return reportName();
    }
}
