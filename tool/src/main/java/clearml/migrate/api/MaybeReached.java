package clearml.migrate.api;

import clearml.migrate.failures.StoreUnreachableException;

/**
 * A call that is not sent twice failed after it may have reached the server. Inside this package a scroll takes it
 * as the sign to start over; every public method of {@link ApiClient} throws its {@link #failure()} instead.
 */
final class MaybeReached extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StoreUnreachableException failure;

    MaybeReached(StoreUnreachableException failure) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
    }

    StoreUnreachableException failure() {
        return failure;
    }
}
