package clearml.migrate.hardening;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of the real command line with captured stdout and stderr. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        return run(Environment.of(Map.of()), args);
    }

    public static Cli run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), environment);
        int code = commandLine.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    public String output() {
        return out + err;
    }

    /** The one line of stderr a refused run prints, failing when there are more. */
    public String oneErrorLine() {
        String[] lines = err.strip().split("\n");
        if (lines.length != 1) {
            throw new AssertionError("expected one line on stderr, got:\n" + err);
        }
        return lines[0];
    }
}
