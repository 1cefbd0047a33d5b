package clearml.migrate.proof;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** One run of the real command line with captured stdout and stderr. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), Environment.of(Map.of()))
                .execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    String output() {
        return out + err;
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
