package clearml.migrate.mongo;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.failures.MigrateException;
import clearml.migrate.retry.Backoff;
import clearml.migrate.tls.TlsFailures;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Turns the driver's connection and login failures into user-facing failures that name the host. The messages
 * carry only {@code host:port}: the connection string may hold credentials. Also tells which failures are worth
 * retrying: the server went away after it had answered once (a host that never answered is a typo, reported at once).
 */
final class MongoFailures {

    /** Labels MongoDB puts on errors whose operation can be safely sent again. */
    private static final Set<String> RETRYABLE_LABELS = Set.of("RetryableWriteError", "TransientTransactionError");

    /** MongoDB's error codes for Unauthorized and AuthenticationFailed. */
    private static final Set<Integer> ACCESS_DENIED_CODES = Set.of(13, 18);

    private final String hosts;
    private final MongoClient client;
    private final TlsFailures tls;
    private final AtomicBoolean everAnswered = new AtomicBoolean();

    MongoFailures(String hosts, MongoClient client, TlsFailures tls) {
        this.hosts = hosts;
        this.client = client;
        this.tls = tls;
    }

    String hosts() {
        return hosts;
    }

    <T> T translate(Supplier<T> call) {
        try {
            T result = call.get();
            everAnswered.set(true);
            return result;
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    /** Runs an idempotent call, sending it again while the server is away and {@code backoff} allows. */
    <T> T retrying(Supplier<T> call, Backoff backoff) {
        while (true) {
            try {
                T result = call.get();
                everAnswered.set(true);
                return result;
            } catch (RuntimeException e) {
                waitOrThrow(e, backoff);
            }
        }
    }

    /**
     * After a failed attempt: waits when the failure is transient and {@code backoff} allows another attempt,
     * otherwise throws the user-facing failure (the one for a server that went away mid-run once any wait was made).
     */
    void waitOrThrow(RuntimeException failure, Backoff backoff) {
        if (!isTransient(failure)) {
            throw translated(failure);
        }
        if (!backoff.pause()) {
            throw backoff.waits() == 0 ? translated(failure) : new StoreUnreachableException("MongoDB at " + hosts
                    + " stopped answering and " + backoff.gaveUp(), monitorFailure().orElse(failure));
        }
    }

    /** Whether {@code failure} means the server went away for a while, rather than a refusal or a bad request. */
    private boolean isTransient(RuntimeException failure) {
        if (!everAnswered.get()) {
            return false;
        }
        return failure instanceof MongoSocketException || failure instanceof MongoTimeoutException
                || failure instanceof MongoNotPrimaryException || failure instanceof MongoNodeIsRecoveringException
                || failure instanceof MongoCursorNotFoundException
                || (failure instanceof MongoException mongo && RETRYABLE_LABELS.stream().anyMatch(mongo::hasErrorLabel));
    }

    /** The user-facing failure for a driver failure; other failures are returned as they are. */
    private RuntimeException translated(RuntimeException e) {
        if (e instanceof MongoSecurityException refused) {
            return accessDenied(refused);
        }
        if (e instanceof MongoCommandException command && ACCESS_DENIED_CODES.contains(command.getErrorCode())) {
            return accessDenied(command);
        }
        if (e instanceof MongoTimeoutException timeout) {
            return unreachable(timeout, monitorFailure().orElse(timeout));
        }
        if (e instanceof MongoSocketException socket) {
            return unreachable(socket, socket);
        }
        return e;
    }

    private RuntimeException unreachable(RuntimeException failure, Throwable reason) {
        if (reason instanceof MongoSecurityException refused) {
            return accessDenied(refused);
        }
        Optional<MigrateException> handshake = tls.explain(reason, hosts, everAnswered.get());
        if (handshake.isPresent()) {
            return handshake.get();
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
