package clearml.migrate.cli;

import clearml.migrate.failures.UsageException;

/** The failure of a command whose capability is not built yet: exit 2 with one line naming it. */
final class NotBuilt {

    private NotBuilt() {
    }

    static UsageException command(String name) {
        return new UsageException("'" + name + "' is not implemented yet");
    }
}
