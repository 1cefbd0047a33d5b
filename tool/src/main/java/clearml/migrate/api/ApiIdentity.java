package clearml.migrate.api;

import org.jspecify.annotations.Nullable;

/**
 * Who the server takes the caller for, as its login token says: ClearML's tokens are JWTs whose {@code identity}
 * claim holds the user, company and role (the server's {@code auth/identity.py}); its own SDK reads them the same
 * way. Every field is null when the token is not such a JWT.
 *
 * @param userId the user id, also for a configured key without a backend user document
 * @param userName the user's name, or null
 * @param companyId the company whose data the caller sees
 * @param companyName the company's name, or null
 * @param role {@code user}, {@code admin}, {@code system}, … as the server checks it
 */
public record ApiIdentity(@Nullable String userId, @Nullable String userName, @Nullable String companyId,
        @Nullable String companyName, @Nullable String role) {

    /** Nothing known. */
    public static final ApiIdentity UNKNOWN = new ApiIdentity(null, null, null, null, null);
}
