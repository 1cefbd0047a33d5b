package clearml.migrate.copying;

import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.SelectionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Whose state a {@code sync} keeps: the source (its search engine's address or API host, never credentials), the
 * selection and the target company; {@link #id()} names it where the state is stored.
 */
public record SyncKey(String source, String selection, String company) {

    /**
     * The selection flags as a state's key names them, the same in every run: the statuses sorted, since the
     * filter's set iterates in an order that changes from one JVM to the next.
     */
    public static String selectionName(ExportSettings export) {
        SelectionRequest request = export.selection();
        return "projects=" + request.projects() + " experiments=" + request.experiments() + " all=" + request.all()
                + " company=" + request.company() + " statuses=" + new TreeSet<>(request.filter().statuses())
                + " archived=" + request.filter().includeArchived() + " events=" + export.events();
    }

    /** A short digest of the three: the same sync finds its state again, another one never does. */
    public String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((source + "\n" + selection + "\n" + company).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
