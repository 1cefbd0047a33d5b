package clearml.migrate.proof;

import java.util.Set;

/** The task statuses and types a ClearML server knows (data model §1.4). */
final class TaskNames {

    static final Set<String> STATUSES = Set.of("created", "queued", "in_progress", "stopped", "publishing",
            "published", "closed", "failed", "completed", "unknown");

    static final Set<String> TYPES = Set.of("training", "testing", "inference", "data_processing", "application",
            "monitor", "controller", "report", "optimizer", "service", "qc", "custom");

    private TaskNames() {
    }
}
