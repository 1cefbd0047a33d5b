package clearml.migrate.failures;

/** A store's TLS certificate was refused: signed by no trusted CA, expired, or issued for another host name. */
public final class StoreCertificateException extends MigrateException {

    public StoreCertificateException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.STORE;
    }
}
