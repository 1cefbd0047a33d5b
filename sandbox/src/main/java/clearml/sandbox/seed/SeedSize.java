package clearml.sandbox.seed;

import java.util.Locale;

/**
 * How much the seeder writes.
 *
 * @param projects        ordinary (visible) projects over all companies; at least 3 so the tree has 3 levels
 * @param tasksPerProject ordinary tasks per ordinary project
 * @param eventsPerTask   events written for each ordinary task (all four types)
 * @param artifactBytes   total bytes of the file-server files, spread over them
 */
public record SeedSize(int projects, int tasksPerProject, int eventsPerTask, long artifactBytes) {

    /** Fewer ordinary tasks could not cover every task status and type. */
    static final int MIN_TASKS = 12;

    public SeedSize {
        if (projects < 3 || tasksPerProject < 1 || eventsPerTask < 20 || artifactBytes < 0
                || (long) projects * tasksPerProject < MIN_TASKS) {
            throw new IllegalArgumentException("seed size needs projects >= 3, projects * tasksPerProject >= "
                    + MIN_TASKS + ", eventsPerTask >= 20, artifactBytes >= 0: " + projects + "/" + tasksPerProject
                    + "/" + eventsPerTask + "/" + artifactBytes);
        }
    }

    /** A handful of entities and a few hundred events: for unit tests. */
    public static SeedSize small() {
        return new SeedSize(4, 3, 24, 256 * 1024);
    }

    /** Tens of thousands of events: for end-to-end tests that want some volume. */
    public static SeedSize medium() {
        return new SeedSize(10, 10, 200, 10L * 1024 * 1024);
    }

    /** About 1000 tasks, 1 000 000 events and 100 MB of files: for benchmarks. */
    public static SeedSize large() {
        return new SeedSize(50, 20, 1000, 100L * 1024 * 1024);
    }

    /** The preset called {@code small}, {@code medium} or {@code large} (any case). */
    public static SeedSize named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "small" -> small();
            case "medium" -> medium();
            case "large" -> large();
            default -> throw new IllegalArgumentException("unknown seed size '" + name + "': use small, medium or large");
        };
    }

    int ordinaryTasks() {
        return projects * tasksPerProject;
    }
}
