package clearml.migrate.mongo;

import clearml.migrate.retry.Patience;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML MongoDB is and how to log in. The password never appears in {@link #toString()}.
 *
 * @param uri a MongoDB connection string, e.g. {@code mongodb://localhost:27017}
 * @param user the user to authenticate as, or null to connect without credentials
 * @param password the user's password, or null
 * @param retryFor how long an operation that failed because the server went away (a dropped connection, no server
 *                 to select) is retried before the command gives up
 */
public record MongoSettings(String uri, @Nullable String user, @Nullable String password, Duration retryFor) {

    /** Settings with the default patience ({@link Patience#DEFAULT}). */
    public MongoSettings(String uri, @Nullable String user, @Nullable String password) {
        this(uri, user, password, Patience.DEFAULT);
    }

    @Override
    public String toString() {
        return "MongoSettings[uri=" + uri + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", retryFor=" + retryFor + "]";
    }
}
