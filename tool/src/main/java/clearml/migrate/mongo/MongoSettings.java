package clearml.migrate.mongo;

import clearml.migrate.retry.Patience;
import clearml.migrate.tls.TlsTrust;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML MongoDB is, how to log in, and which certificates to trust over TLS. The password never appears
 * in {@link #toString()}.
 *
 * @param uri a MongoDB connection string, e.g. {@code mongodb://localhost:27017}
 * @param user the user to authenticate as, or null to connect without credentials
 * @param password the user's password, or null
 * @param trust the certificates trusted over TLS; anything but {@link TlsTrust#SYSTEM} turns TLS on, which
 *              {@code tls=true} in the URI does with the JDK's CAs
 * @param retryFor how long an operation that failed because the server went away (a dropped connection, no server
 *                 to select) is retried before the command gives up
 */
public record MongoSettings(String uri, @Nullable String user, @Nullable String password, TlsTrust trust,
        Duration retryFor) {

    /** Settings with TLS as the URI says and the JDK's CAs. */
    public MongoSettings(String uri, @Nullable String user, @Nullable String password, Duration retryFor) {
        this(uri, user, password, TlsTrust.SYSTEM, retryFor);
    }

    /** Settings with the default patience ({@link Patience#DEFAULT}). */
    public MongoSettings(String uri, @Nullable String user, @Nullable String password) {
        this(uri, user, password, Patience.DEFAULT);
    }

    @Override
    public String toString() {
        return "MongoSettings[uri=" + uri + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", trust=" + trust + ", retryFor=" + retryFor + "]";
    }
}
