package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.failures.ArchiveException;
import clearml.migrate.failures.StoreUnreachableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One line and the right exit code per failure kind; stack traces only with --debug. */
class FailureHandlerTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Option(names = "--debug")
        boolean debug;

        Exception failure = new IOException("unused");

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(Exception failure, String... args) {
        Boom boom = new Boom();
        boom.failure = failure;
        FailureHandler handler = new FailureHandler();
        return new CommandLine(boom).setErr(new PrintWriter(err)).setExecutionExceptionHandler(handler)
                .setExitCodeExceptionMapper(handler).execute(args);
    }

    @Test
    void migrateExceptionPrintsOneLineWithItsCausesAndExitsWithItsCode() {
        int code = run(new StoreUnreachableException("Elasticsearch at http://es:9200 is unreachable; check "
                + "--elastic-host", new ConnectException("Connection refused")));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString().lines()).containsExactly("clearml-migrate: Elasticsearch at http://es:9200 is "
                + "unreachable; check --elastic-host (caused by: Connection refused)");
    }

    @Test
    void longMultiLineCausesAreCutToTheirFirstLine() {
        String dump = "x".repeat(400) + "\nsecond line";

        run(new ArchiveException("a.zip is not a ClearML archive", new IOException(dump)));

        assertThat(err.toString().lines()).singleElement().asString()
                .endsWith("(caused by: " + "x".repeat(160) + "…)");
    }

    @Test
    void anythingElseIsAnInternalErrorExitingSeventy() {
        int code = run(new IllegalStateException("cursor closed"));

        assertThat(code).isEqualTo(70);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("clearml-migrate: internal error (java.lang.IllegalStateException: cursor closed)")
                .contains("rerun with --debug");
    }

    @Test
    void debugAddsTheStackTrace() {
        run(new IllegalStateException("cursor closed"), "--debug");

        assertThat(err.toString()).contains("\tat clearml.migrate.cli.FailureHandlerTest.debugAddsTheStackTrace");
    }
}
