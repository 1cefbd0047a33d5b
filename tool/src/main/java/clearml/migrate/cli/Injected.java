package clearml.migrate.cli;

import org.jspecify.annotations.Nullable;

/** What picocli writes into a command after constructing it: mixins, the command spec, parameters. */
final class Injected {

    private Injected() {
    }

    /** {@code value} as picocli injected it; a bug, not a user's mistake, when it did not. */
    static <T> T required(@Nullable T value, String what) {
        if (value == null) {
            throw new IllegalStateException("picocli did not inject the " + what);
        }
        return value;
    }
}
