package clearml.migrate.api;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.retry.Backoff;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.jspecify.annotations.Nullable;

/**
 * The one-line failures of the API client: what the server said, where, and what to do. They name the access key
 * and never the secret, which is blanked wherever a server or the JDK might have echoed it.
 */
final class ApiFailures {

    private final URI host;
    private final ApiCredentials credentials;

    ApiFailures(URI host, ApiCredentials credentials) {
        this.host = host;
        this.credentials = credentials;
    }

    /** 401: the keys are wrong, revoked, or of another server. */
    StoreAccessDeniedException refused(ApiResponse response) {
        return new StoreAccessDeniedException(safe("ClearML API at " + host + " refused access key '"
                + credentials.accessKey() + "' from " + credentials.source() + " (" + response.endpoint() + ": HTTP "
                + response.code() + " " + response.resultMsg() + "); check the access key and its secret key, or "
                + "create new credentials in the web UI (Settings > Workspace)"));
    }

    /** 403: the keys work, but their role may not make this call. */
    StoreAccessDeniedException forbidden(ApiResponse response) {
        return new StoreAccessDeniedException(safe("ClearML API at " + host + " denied access key '"
                + credentials.accessKey() + "' the call " + response.endpoint() + " (HTTP " + response.code() + " "
                + response.resultMsg() + "); use the keys of a user whose role allows it ('clearml-migrate ping "
                + "--api-host …' shows the role)"));
    }

    /** Any other error answer: the server refused this call. */
    StoreRequestException rejected(ApiResponse response) {
        return new StoreRequestException(safe("ClearML API at " + host + " rejected " + response.endpoint()
                + " (HTTP " + response.code() + "): " + response.resultMsg()));
    }

    /** No connection to a host that never answered: a wrong address rather than an outage. */
    StoreUnreachableException unreachable(Throwable cause) {
        return new StoreUnreachableException(safe("ClearML API at " + host + " is unreachable: "
                + connectProblem(cause) + "; check --api-host and that the server is running"), informative(cause));
    }

    /** Still failing when the patience ran out. */
    StoreUnreachableException gaveUp(String what, Backoff backoff, @Nullable Throwable cause) {
        return new StoreUnreachableException(safe("ClearML API at " + host + " stopped answering (" + what + ") and "
                + backoff.gaveUp()), informative(cause));
    }

    /** A call that is not sent twice failed after it may have reached the server. */
    StoreUnreachableException mayHaveReached(ApiRequest request, String what, @Nullable Throwable cause) {
        return new StoreUnreachableException(safe("ClearML API at " + host + " failed during " + request.endpoint()
                + " (" + what + ") after the call may have reached the server, so it was not sent again; check the "
                + "server, then run the same command again"), cause);
    }

    /** The JDK's connect failures carry no message; name them as a user reads them. */
    static String connectProblem(@Nullable Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection in time";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message != null) {
            return message;
        }
        return error instanceof ConnectException ? "Connection refused"
                : error == null ? "no answer" : error.getClass().getSimpleName();
    }

    /**
     * The cause worth chaining: the JDK's connect failures carry no message, and a chain of bare class names
     * ("ConnectException; ClosedChannelException") would only blur the one line.
     */
    private static @Nullable Throwable informative(@Nullable Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return cause;
            }
        }
        return null;
    }

    /** Blanks the secret wherever a server or the JDK might have echoed it. */
    String safe(String message) {
        String secret = credentials.secretKey();
        return secret.isEmpty() ? message : message.replace(secret, "***");
    }
}
