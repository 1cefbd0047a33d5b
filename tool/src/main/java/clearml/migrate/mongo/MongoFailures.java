package clearml.migrate.mongo;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the driver's connection and login failures into user-facing failures that name the host. The messages
 * carry only {@code host:port}: the connection string may hold credentials.
 */
final class MongoFailures {

    /** MongoDB's error codes for Unauthorized and AuthenticationFailed. */
    private static final Set<Integer> ACCESS_DENIED_CODES = Set.of(13, 18);

    private final String hosts;
    private final MongoClient client;

    MongoFailures(String hosts, MongoClient client) {
        this.hosts = hosts;
        this.client = client;
    }

    String hosts() {
        return hosts;
    }

    <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoSecurityException e) {
            throw accessDenied(e);
        } catch (MongoCommandException e) {
            if (ACCESS_DENIED_CODES.contains(e.getErrorCode())) {
                throw accessDenied(e);
            }
            throw e;
        } catch (MongoTimeoutException e) {
            throw unreachable(e, monitorFailure().orElse(e));
        } catch (MongoSocketException e) {
            throw unreachable(e, e);
        }
    }

    private RuntimeException unreachable(RuntimeException failure, Throwable reason) {
        if (reason instanceof MongoSecurityException refused) {
            return accessDenied(refused);
        }
        StoreUnreachableException unreachable = new StoreUnreachableException("MongoDB at " + hosts
                + " is unreachable; check --mongo-host and that the server is running", reason);
        if (reason != failure) {
            unreachable.addSuppressed(failure);
        }
        return unreachable;
    }

    /**
     * Why the driver's monitor could not reach a server, e.g. "Connection refused". A timeout's own message is a
     * dump of the whole cluster view, too long for the one line the user sees (it stays attached for --debug).
     */
    private Optional<Throwable> monitorFailure() {
        return client.getClusterDescription().getServerDescriptions().stream()
                .map(ServerDescription::getException).filter(Objects::nonNull).findFirst();
    }

    private StoreAccessDeniedException accessDenied(RuntimeException e) {
        // The driver's message names the user and mechanism, never the password; keep it as the cause only.
        return new StoreAccessDeniedException("MongoDB at " + hosts
                + " refused the credentials; check --mongo-user and the password", e);
    }
}
