package clearml.migrate.moving;

import java.util.Locale;

/** How events travel ({@code --events-via}): the way the stores allow best, the target engine, or the tool. */
public enum EventsVia {
    AUTO, REINDEX, STREAM;

    /** The flag's spelling: {@code auto}, {@code reindex}, {@code stream}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
