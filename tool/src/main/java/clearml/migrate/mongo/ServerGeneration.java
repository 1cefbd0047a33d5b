package clearml.migrate.mongo;

import java.util.Optional;

/**
 * The two lines of ClearML server as far as stored shapes go. 2.x keeps per metric {@code count},
 * {@code mean_value}, {@code first_value}/{@code first_value_iteration} and {@code x_axis_label}, the task's
 * {@code unique_metrics}, statistics on models, and log events in {@code metric_stats}; 1.x keeps none of these and
 * leaves {@code x_axis_label} in the scalar event (data model §1.4, §1.5, §2.3; server code read at v1.x and v2.x).
 */
public enum ServerGeneration {
    V1("1.x"),
    V2("2.x");

    /** The newest schema-migration record; every server since 1.9, 2.x included, ends with it (data model §8.2). */
    private static final SchemaVersion LAST_MIGRATION = new SchemaVersion("1.9.0");
    /** ClearML 2.0 raises MongoDB's featureCompatibilityVersion to 6.0 when it starts (data model §8.1). */
    private static final int FCV_OF_2_0 = 6;

    private final String label;

    ServerGeneration(String label) {
        this.label = label;
    }

    /** What a target's stores say about its generation, and why. */
    public record Recognition(ServerGeneration generation, String reason) {
    }

    /**
     * Recognises a server from its newest schema-migration record and MongoDB's featureCompatibilityVersion. The
     * record alone cannot tell 1.9–1.17 from 2.x (all end with 1.9.0), so a record older than 1.9.0 means 1.x, and
     * otherwise the compatibility version decides: 2.0 raises it to 6.0 on start, every 1.x runs on MongoDB 5.0 or
     * older. With neither sign the current line, 2.x, is assumed; {@code --target-version} overrides.
     */
    public static Recognition recognise(Optional<SchemaVersion> schema, Optional<String> featureCompatibility) {
        if (schema.isPresent() && schema.get().compareTo(LAST_MIGRATION) < 0) {
            return new Recognition(V1, "its newest schema-migration record is " + schema.get() + ", older than the "
                    + LAST_MIGRATION + " every server since 1.9 records");
        }
        if (featureCompatibility.isPresent()) {
            int major = new SchemaVersion(featureCompatibility.get()).major();
            ServerGeneration generation = major >= FCV_OF_2_0 ? V2 : V1;
            return new Recognition(generation, "MongoDB featureCompatibilityVersion " + featureCompatibility.get()
                    + (generation == V2 ? ": ClearML 2.0 raises it to 6.0"
                            : ": a ClearML 2.x server raises it to 6.0"));
        }
        return new Recognition(V2, "no sign of an older server (featureCompatibilityVersion not readable); assumed"
                + " the current line");
    }

    @Override
    public String toString() {
        return label;
    }
}
