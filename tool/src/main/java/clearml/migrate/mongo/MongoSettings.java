package clearml.migrate.mongo;

import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML MongoDB is and how to log in. The password never appears in {@link #toString()}.
 *
 * @param uri a MongoDB connection string, e.g. {@code mongodb://localhost:27017}
 * @param user the user to authenticate as, or null to connect without credentials
 * @param password the user's password, or null
 */
public record MongoSettings(String uri, @Nullable String user, @Nullable String password) {

    @Override
    public String toString() {
        return "MongoSettings[uri=" + uri + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
