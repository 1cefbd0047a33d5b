package clearml.migrate.ping;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ping --api-host} found: the server, the caller, and what the caller's role allows a migration.
 *
 * @param apiHost the API server asked
 * @param filesHost the file server the credentials sources name, or null
 * @param serverVersion {@code server.info} version, e.g. {@code 2.0.0}
 * @param serverBuild its build number, or null
 * @param apiVersion the newest API version it serves, e.g. {@code 2.31}, or null
 * @param accessKey the access key used (never the secret)
 * @param credentialsSource where the keys came from
 * @param caller who the server takes the caller for
 * @param allowances what the role allows, one line per kind of work
 */
public record ApiPingReport(String apiHost, @Nullable String filesHost, String serverVersion, @Nullable String serverBuild,
        @Nullable String apiVersion, String accessKey, String credentialsSource, Caller caller,
        List<Allowance> allowances) {

    public ApiPingReport {
        allowances = List.copyOf(allowances);
    }

    /**
     * The caller as the login token and {@code users.get_current_user} describe it.
     *
     * @param userId the user id, or null when neither says
     * @param userName the user's name, or null
     * @param companyId the company, or null
     * @param companyName the company's name, or null
     * @param role the role, or null when neither says
     * @param backendUser false for a key configured on the server (such as {@code services_agent}) with no user
     *     document, for which {@code users.get_current_user} fails
     */
    public record Caller(@Nullable String userId, @Nullable String userName, @Nullable String companyId,
            @Nullable String companyName, @Nullable String role, boolean backendUser) {
    }

    /**
     * What the role allows for one kind of work.
     *
     * @param work {@code export}, {@code import} or {@code users}
     * @param verdict {@code yes}, {@code partly}, {@code no} or {@code unknown}
     * @param why one sentence
     */
    public record Allowance(String work, String verdict, String why) {
    }
}
